import { openArchiveFiles } from '../archives/open-files';
import { openFirstTasks } from '../inspections/schedule';
import type { WriteContext } from '../changelog/write-context';
import { applyImportPlan } from './apply-import';
import { BorrowerGroups, type FileBorrower } from './group-borrowers';
import type { Layout, ParsedLoanRow, RowWarning } from './parsed-file';
import { emptyPlan, RowPlanner } from './plan-import';
import type { RegisterState } from './register-state';

/** Borrowers planned and written at a time once the file is read (a county has ~80k). */
const GROUPS_AT_ONCE = 5000;

/** What a first import wrote, for its counts. */
export interface FirstImportTally {
  accepted: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** The plan's warnings (one ID under two customer numbers), in the order found. */
  warnings: RowWarning[];
}

/**
 * Plans and writes a file's loans into a register that has none yet, a batch at a time as the file
 * is read, by planImport's rules (RowPlanner): the file and its plan are never held whole.
 * A borrower's row takes the first ID, address and village any of their rows has
 * (group-borrowers.ts), known only at the file's end: so the batch that meets a borrower first
 * writes their row with their name, for their loans to refer to, and the end completes it as
 * planImport plans it (WriteContext.completeBulkInserted), with their village and phones.
 * Loans wait for the end only when their borrower or manager is known only then:
 * - rows with neither customer number nor a valid ID: their borrower is found by name and address
 *   once the whole file is read;
 * - rows naming no manager, when some village has one: they go to their borrower's village's manager.
 * Each batch also opens its loans' archive files and first inspection tasks, as a commit does.
 * What it writes is what planImport's plan would write, row for row; only the order differs.
 */
export class FirstImportWriter {
  private readonly groups = new BorrowerGroups(false);
  private readonly rows: RowPlanner;
  /** Borrower ids by group key, as their loans were written with them. */
  private readonly borrowerIds = new Map<string, string>();
  /** Rows naming no manager, by group key, when a village's manager could be theirs. */
  private readonly waiting = new Map<string, ParsedLoanRow[]>();
  private readonly villagesHaveManagers: boolean;
  private readonly tally: FirstImportTally = { accepted: 0, inserted: 0, updated: 0, unchanged: 0, warnings: [] };

  constructor(
    private readonly w: WriteContext,
    private readonly state: RegisterState,
    private readonly asOf: string,
    importId: string,
    layout: Layout,
  ) {
    this.rows = new RowPlanner(emptyPlan(state, asOf, false), state, asOf, importId, { layout });
    this.villagesHaveManagers = [...state.villageByKey.values()].some((v) => v.manager_id !== null);
  }

  /** Plans and writes a batch of the file's loans, in file order. */
  async batch(loans: readonly ParsedLoanRow[]): Promise<void> {
    this.tally.accepted += loans.length;
    for (const row of loans) {
      const key = this.groups.add(row);
      if (key === null) continue;
      if (this.villagesHaveManagers && !row.managerName) {
        const list = this.waiting.get(key);
        if (list) list.push(row);
        else this.waiting.set(key, [row]);
        continue;
      }
      // Asked only for a row naming no manager, and then no village has one.
      this.rows.loan(row, this.borrowerId(key, row), () => null);
    }
    await this.write();
  }

  /**
   * Once the whole file is read: the borrowers completed, and the loans that waited for them,
   * planned and written GROUPS_AT_ONCE borrowers at a time (in the order planImport plans them).
   */
  async finish(): Promise<FirstImportTally> {
    const written = new Set(this.borrowerIds.values());
    let completed = 0;
    const groups = this.groups.finish();
    for (let start = 0; start < groups.length; start += GROUPS_AT_ONCE) {
      for (const fb of groups.slice(start, start + GROUPS_AT_ONCE)) {
        const borrowerId = this.rows.borrower(fb);
        const before = this.borrowerIds.get(fb.key);
        if (before !== undefined && before !== borrowerId) throw new Error(`first import: borrower ${fb.key} planned as ${borrowerId}, written as ${before}`);
        for (const row of [...fb.loans, ...(this.waiting.get(fb.key) ?? [])]) {
          this.rows.loan(row, borrowerId, () => this.rows.villageManager(fb, borrowerId));
        }
      }
      const plan = this.rows.plan;
      const complete = plan.borrowerInserts.filter((b) => written.has(b.id));
      plan.borrowerInserts = plan.borrowerInserts.filter((b) => !written.has(b.id));
      await this.write();
      // After the write: their villages are in it.
      await this.w.completeBulkInserted('borrowers', complete);
      completed += complete.length;
    }
    if (completed !== written.size) throw new Error(`first import: ${written.size} borrowers written, ${completed} planned`);
    return this.tally;
  }

  /**
   * The id planBorrower gives a borrower the register does not know: by customer number, else by
   * ID (finish() checks that it did). The first row of theirs writes their row, in this batch.
   */
  private borrowerId(key: FileBorrower['key'], row: ParsedLoanRow): string {
    let id = this.borrowerIds.get(key);
    if (id === undefined) {
      id = row.customerNo ? this.state.ids.borrower({ customerNo: row.customerNo }) : this.state.ids.borrower({ residentId18: key.slice(2) });
      this.borrowerIds.set(key, id);
      // Completed by finish(), as planned: the same columns as planBorrower's insert.
      this.rows.plan.borrowerInserts.push({
        id,
        customer_no: row.customerNo,
        name: row.name,
        name_initials: row.nameInitials,
        name_pinyin: row.namePinyin,
        resident_id: null,
        gender: null,
        birth_date: null,
        address: row.address,
        village_id: null,
      });
    }
    return id;
  }

  private async write(): Promise<void> {
    const plan = this.rows.plan;
    this.rows.plan = emptyPlan(this.state, this.asOf, false);
    this.tally.inserted += plan.loanInserts.length;
    this.tally.updated += plan.loanUpdates.length;
    this.tally.unchanged += plan.unchangedLoans;
    for (const warning of plan.warnings) this.tally.warnings.push(warning);
    await applyImportPlan(this.w, plan);
    await openArchiveFiles(this.w, plan);
    // What scheduleInspections opens after an import into a register without a schedule: each new dated loan's first task.
    const dated = plan.loanInserts.filter((l) => l.status === 'active' && l.disbursed_on);
    // Product and guarantee type as stored (their columns default to '').
    await openFirstTasks(this.w, dated.map((l) => ({ id: l.id, product: l.product ?? '', guarantee_type: l.guarantee_type ?? '', disbursed_on: l.disbursed_on ?? null })), this.asOf);
    // Each loan is in one row of the file (the parse refuses a second one): no later row looks its assignment up.
    this.state.currentAssignments.clear();
  }
}
