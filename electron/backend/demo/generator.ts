/**
 * Fills an empty database with a generated branch (managers, villages, borrowers, phones,
 * loans, one snapshot per loan) through the change-logged write path, in one transaction.
 * Like an import's rows, generated rows are logged per batch (insertBulk): the seed and
 * options reproduce them.
 */
import type { DemoDataSummary } from '../../shared/api/demo';
import type { WriteContext } from '../changelog/write-context';
import type { Writer } from '../rpc/handler-types';
import { refreshPlannerStats } from '../db/connection';
import type { ReadDb } from '../db/read-db';
import type { LoggedTable, NewRow } from '../db/schema';
import { AppError } from '../rpc/app-error';
import { coreRowIdsOf } from '../ids/core-row-ids';
import { archiveDueOn, loadArchiveCalendar } from '../archives/archive-calendar';
import { addDays } from '../../shared/dates';
import { openMissing } from '../inspections/schedule';
import { DEMO_AS_OF } from './loans';
import { planDemoBranch, type DemoPlan } from './plan';

export interface DemoDataOptions {
  loans: number;
  seed: number;
  /** Rows written so far (all tables) of the total to write. */
  onProgress?: (done: number, total: number) => void;
}

// Rows per insertBulk call: big enough for few round trips, small enough to keep the
// change-log entries of one call (JSON of every row) from piling up in memory.
const CHUNK_ROWS = 5000;

/** Generous enough for a county; beyond it customer numbers would outgrow their 7 digits. */
const MAX_LOANS = 500_000;

export async function generateDemoData(write: Writer, db: ReadDb, opts: DemoDataOptions): Promise<DemoDataSummary> {
  if (!Number.isInteger(opts.loans) || opts.loans < 1 || opts.loans > MAX_LOANS) {
    throw new AppError('VALIDATION', `贷款笔数须为 1 至 ${MAX_LOANS} 之间的整数`, `demo data: bad loan count ${opts.loans}`);
  }
  // Checked before planning to fail fast, and again inside the transaction that writes.
  await assertNoLoanData(db);
  const plan = planDemoBranch(opts.loans, opts.seed);
  const summary = await write(async (w) => {
    w.setCause({ kind: 'demo', id: `seed ${opts.seed}, ${opts.loans} loans` });
    await assertNoLoanData(w.trx);
    const out = new ProgressWriter(w, totalRows(plan), opts.onProgress);

    // Core-keyed rows get the ids an import of the same data would give them.
    const ids = await coreRowIdsOf(w.trx);
    const usernames = await managerUsernames(w, plan.managers.length);
    const staff = await out.insert(
      'staff',
      plan.managers.map((m, i) => ({ username: usernames[i], display_name: m.displayName, role: 'manager' as const, password_hash: null, active: 1 })),
    );
    await out.insert(
      'manager_names',
      plan.managers.map((m, i) => ({ name: m.displayName, staff_id: staff[i] })),
    );
    const villages = await out.insert(
      'villages',
      plan.villages.map((v) => ({ id: ids.village(v.township, v.name), township: v.township, name: v.name, manager_id: staff[v.managerIndex] })),
    );
    const borrowerIds = await out.insertChunked('borrowers', plan.households, (h) => ({
      id: ids.borrower({ customerNo: h.customerNo }),
      customer_no: h.customerNo,
      resident_id: h.residentId,
      name: h.name,
      name_initials: h.nameInitials,
      name_pinyin: h.namePinyin,
      gender: h.gender,
      birth_date: h.birthDate,
      village_id: villages[h.villageIndex],
      address: h.address,
      whereabouts: h.whereabouts,
      contact_name: h.contactName,
      contact_phone: h.contactPhone,
      notes: '',
    }));
    const phones = plan.households.flatMap((h, i) => h.phones.map((phone) => ({ borrowerIndex: i, phone })));
    await out.insertChunked('borrower_phones', phones, (p) => ({
      borrower_id: borrowerIds[p.borrowerIndex],
      phone: p.phone,
      note: '',
      verified_on: null,
      source: 'core' as const,
      core_value: p.phone,
    }));
    const managerOf = (l: DemoPlan['loans'][number]) => staff[plan.villages[plan.households[l.householdIndex].villageIndex].managerIndex];
    const loanIds = await out.insertChunked('loans', plan.loans, (l) => ({
      id: ids.loan(l.loanNo),
      loan_no: l.loanNo,
      borrower_id: borrowerIds[l.householdIndex],
      contract_no: l.contractNo,
      product: l.product,
      guarantee_type: l.guaranteeType,
      guarantors: l.guarantors,
      disbursed_on: l.disbursedOn,
      maturity_on: l.maturityOn,
      contract_amount_fen: l.contractAmountFen,
      balance_fen: l.balanceFen,
      annual_rate_ppm: l.annualRatePpm,
      principal_overdue_days: l.principalOverdueDays,
      interest_owed_fen: l.interestOwedFen,
      interest_overdue_days: l.interestOverdueDays,
      risk_class: l.riskClass,
      manager_id: managerOf(l),
      status: 'active' as const,
      settled_on: null,
    }));
    // Each loan is looked after by its village's manager since it was disbursed.
    await out.insertChunked('loan_assignments', plan.loans, (l, i) => ({
      loan_id: loanIds[i],
      manager_id: managerOf(l),
      valid_from: l.disbursedOn,
      valid_to: null,
      reason: '演示数据',
    }));
    await out.insertChunked('loan_snapshots', plan.loans, (l, i) => ({
      id: ids.snapshot(l.loanNo, DEMO_AS_OF),
      loan_id: loanIds[i],
      as_of: DEMO_AS_OF,
      balance_fen: l.balanceFen,
      principal_overdue_days: l.principalOverdueDays,
      interest_owed_fen: l.interestOwedFen,
      interest_overdue_days: l.interestOverdueDays,
      risk_class: l.riskClass,
      status: 'active' as const,
      import_id: null,
      manager_id: managerOf(l),
    }));

    // Loan files, as imports open them: the demo branch has set its cut-over, so only the last
    // months' disbursements are still being collected (older files count as received).
    const cutover = demoArchiveCutover();
    await w.setSetting('archive_cutover_date', cutover);
    const calendar = { ...(await loadArchiveCalendar(w.trx)), cutoverDate: cutover };
    await out.insertChunked('archive_files', plan.loans, (l, i) => {
      const backlog = l.disbursedOn < cutover;
      return {
        loan_id: loanIds[i],
        disbursed_on: l.disbursedOn,
        due_on: archiveDueOn(calendar, l.disbursedOn),
        status: backlog ? ('received' as const) : ('collecting' as const),
        backlog: backlog ? 1 : 0,
        received_on: backlog ? cutover : null,
      };
    });

    // The inspection schedule, as the import of these loans would open it.
    await openMissing(w, DEMO_AS_OF);
    await refreshPlannerStats(w.trx);

    return { villages: villages.length, households: borrowerIds.length, loans: loanIds.length, managers: staff.length };
  });
  return summary;
}

/** The first day of the month three months before the demo's data date. */
function demoArchiveCutover(): string {
  return `${addDays(DEMO_AS_OF, -90).slice(0, 7)}-01`;
}

async function assertNoLoanData(db: ReadDb): Promise<void> {
  const loan = await db.selectFrom('loans').select('id').limit(1).executeTakeFirst();
  const village = await db.selectFrom('villages').select('id').limit(1).executeTakeFirst();
  if (loan || village) {
    throw new AppError('DEMO_DATA_EXISTS', '数据库中已有贷款或村庄数据，不能再生成演示数据', 'demo data refused: database already has loans or villages');
  }
}

/** mgr01, mgr02, … skipping any username already taken (an admin may have picked one). */
async function managerUsernames(w: WriteContext, count: number): Promise<string[]> {
  const rows = await w.trx.selectFrom('staff').select('username').where('username', 'like', 'mgr%').execute();
  const taken = new Set(rows.map((r) => r.username));
  const width = Math.max(2, String(count).length);
  const names: string[] = [];
  for (let n = 1; names.length < count; n++) {
    const name = `mgr${String(n).padStart(width, '0')}`;
    if (!taken.has(name)) names.push(name);
  }
  return names;
}

function totalRows(plan: DemoPlan): number {
  const phones = plan.households.reduce((sum, h) => sum + h.phones.length, 0);
  return 2 * plan.managers.length + plan.villages.length + plan.households.length + phones + 4 * plan.loans.length;
}

type Values<T extends LoggedTable> = Omit<NewRow<T>, 'id' | 'created_at' | 'updated_at'> & { id?: string };

class ProgressWriter {
  private done = 0;

  constructor(
    private readonly w: WriteContext,
    private readonly total: number,
    private readonly onProgress?: (done: number, total: number) => void,
  ) {}

  /** Inserts the rows; returns their ids in order. */
  async insert<T extends LoggedTable>(table: T, values: Values<T>[]): Promise<string[]> {
    const ids = await this.w.insertBulk(table, values);
    this.advance(ids.length);
    return ids;
  }

  /** Maps and inserts `items` a chunk at a time; returns the new ids in item order. */
  async insertChunked<T extends LoggedTable, I>(table: T, items: readonly I[], toValues: (item: I, index: number) => Values<T>): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < items.length; start += CHUNK_ROWS) {
      const chunk = items.slice(start, start + CHUNK_ROWS).map((item, k) => toValues(item, start + k));
      ids.push(...(await this.w.insertBulk(table, chunk)));
      this.advance(chunk.length);
    }
    return ids;
  }

  private advance(rows: number): void {
    this.done += rows;
    this.onProgress?.(this.done, this.total);
  }
}
