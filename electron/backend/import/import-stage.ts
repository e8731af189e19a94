import { sql } from 'kysely';
import { checkResidentId } from '../../shared/resident-id';
import { todayLocal } from '../../shared/dates';
import type { ReadDb } from '../db/read-db';
import { log } from '../log';
import type { CompareAhead } from './compare-ahead';
import type { RegisterAhead } from './register-ahead';
import type { ParsedLoanRow } from './parsed-file';

/**
 * A file's accepted loans staged in a TEMP table, for SQLite to compare with the register
 * (set-compare.ts). The table is the connection's own: never in the database file, never in the
 * change log, gone when dropped or when the connection closes. It is filled while the file is read
 * (parse's onLoans) or at once from a parsed file, and dropped when the plan is made, on failure
 * and on cancel alike: a refused or cancelled import leaves nothing behind.
 */
export class ImportStage {
  private static next = 0;
  /** Rows staged so far; row `seq` is the file's `loans[seq]`. */
  rows = 0;
  /** Rows handed to add() so far: the next batch's first `seq`. */
  private queued = 0;
  /** Whether the batches are staged at all (onlyIf). */
  private wanted: Promise<boolean> = Promise.resolve(true);
  /** The compare run on each batch once staged (compareAhead), if any. */
  private ahead: Promise<CompareAhead | null> = Promise.resolve(null);
  /** The register read for a plan by maps while the file is read (readRegisterAhead), if any. */
  private register: Promise<RegisterAhead | null> = Promise.resolve(null);
  private pending: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private dropped = false;

  private constructor(
    private readonly db: ReadDb,
    readonly table: string,
  ) {}

  static async create(db: ReadDb): Promise<ImportStage> {
    const table = `import_stage_${process.pid}_${ImportStage.next++}`;
    await sql`create temp table ${sql.table(table)} (
      seq integer primary key, loan_no text not null, customer_no text, name text, name_initials text, name_pinyin text,
      resident_id text, resident_valid integer, gender text, birth_date text, address text, village_key text, phones text,
      contract_no text, product text, guarantee_type text, guarantors text, disbursed_on text, maturity_on text,
      contract_amount_fen integer, balance_fen integer, annual_rate_ppm integer, principal_overdue_days integer,
      interest_owed_fen integer, interest_overdue_days integer, risk_class text, manager_name text)`.execute(db);
    return new ImportStage(db, table);
  }

  /** Stages a file and waits for it: the stage of a parse that did not stage while reading. */
  static async of(db: ReadDb, loans: readonly ParsedLoanRow[]): Promise<ImportStage> {
    const stage = await ImportStage.create(db);
    try {
      for (let i = 0; i < loans.length; i += STAGE_BATCH) stage.add(loans.slice(i, i + STAGE_BATCH));
      await stage.settled();
      return stage;
    } catch (err) {
      await stage.drop();
      throw err;
    }
  }

  /**
   * Before the first add(): the batches are staged only if `wanted` resolves true. A stage left
   * empty this way has `rows` 0, so a plan that does compare in SQLite after all stages the file
   * itself (set-plan.ts); a rejection is the stage's failure, rethrown by settled().
   */
  onlyIf(wanted: Promise<boolean>): void {
    if (this.queued > 0) throw new Error('import stage: onlyIf after the first batch');
    // Handled here too: a rejection with no batch left to await it is not an unhandled one.
    wanted.catch(() => undefined);
    this.wanted = wanted;
  }

  /**
   * Before the first add(): each batch, once staged, is also compared with the register (compare-ahead.ts).
   * A rejection only means no compare ahead: the plan compares the whole file itself.
   */
  compareAhead(ahead: Promise<CompareAhead | null>): void {
    if (this.queued > 0) throw new Error('import stage: compareAhead after the first batch');
    this.ahead = ahead.catch((err: unknown) => {
      log.warn(`import compare ahead not started: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
  }

  /**
   * The register read while the file is read, for a plan by maps (register-ahead.ts). It needs the
   * connection: settled() waits for it, before a plan's transaction holds it. A failure only means
   * the plan reads the register itself.
   */
  readRegisterAhead(register: Promise<RegisterAhead | null>): void {
    this.register = register.catch((err: unknown) => {
      log.warn(`import register read ahead failed: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
  }

  /** The register read while the file was read (null: none), once it has been read. */
  registerAhead(): Promise<RegisterAhead | null> {
    return this.register;
  }

  /** The compare run while staging, once the batches queued so far have run (null: none). */
  async comparedAhead(): Promise<CompareAhead | null> {
    await this.pending;
    return this.ahead;
  }

  /** Queues a batch of the file's loans, in file order (a parse's onLoans: it does not wait). */
  add(batch: readonly ParsedLoanRow[]): void {
    if (batch.length === 0 || this.dropped) return;
    const first = this.queued;
    this.queued += batch.length;
    this.pending = this.pending.then(async () => {
      if (this.failure !== null || this.dropped) return;
      const wanted = await this.wanted.catch((err: unknown) => {
        this.failure = err;
        return false;
      });
      if (!wanted) return;
      const today = todayLocal();
      const json = JSON.stringify(batch.map((row, i) => stagedRow(first + i, row, today)));
      this.rows += batch.length;
      // A TEMP table of this connection, not the register: nothing here goes to the database file or the change log.
      // eslint-disable-next-line no-restricted-syntax
      await sql`insert into ${sql.table(this.table)} (${sql.join(STAGED_COLUMNS.map((c) => sql.ref(c)))}) select ${sql.join(STAGED_COLUMNS.map((_, c) => sql.raw(`value ->> ${c}`)))} from jsonb_each(${json})`
        .execute(this.db)
        .catch((err: unknown) => {
          this.failure = err;
        });
      if (this.failure === null) await (await this.ahead)?.batch(first, batch.length);
    });
  }

  /** Waits for the batches queued so far and the register read ahead; rethrows the first batch that failed. */
  async settled(): Promise<void> {
    await this.pending;
    await this.register;
    if (this.failure !== null) throw this.failure;
  }

  /** Drops the table once the batches queued have run; safe to call twice. */
  async drop(): Promise<void> {
    await this.pending;
    await this.register;
    if (this.dropped) return;
    this.dropped = true;
    await sql`drop table if exists ${sql.table(this.table)}`.execute(this.db);
  }
}

/** Loans per insert statement when a parsed file is staged at once: one JSON text each (one bound value). */
const STAGE_BATCH = 5000;

const STAGED_COLUMNS = [
  'seq', 'loan_no', 'customer_no', 'name', 'name_initials', 'name_pinyin', 'resident_id', 'resident_valid', 'gender', 'birth_date',
  'address', 'village_key', 'phones', 'contract_no', 'product', 'guarantee_type', 'guarantors', 'disbursed_on', 'maturity_on',
  'contract_amount_fen', 'balance_fen', 'annual_rate_ppm', 'principal_overdue_days', 'interest_owed_fen', 'interest_overdue_days',
  'risk_class', 'manager_name',
] as const;

/** A loan row as the register would hold it: gender and birth date from the ID, the village by its key. */
function stagedRow(seq: number, row: ParsedLoanRow, today: string): unknown[] {
  const id = checkResidentId(row.residentId ?? '', today);
  return [
    seq,
    row.loanNo,
    row.customerNo,
    row.name,
    row.nameInitials,
    row.namePinyin,
    row.residentId,
    row.residentIdValid ? 1 : 0,
    id.ok ? id.gender : null,
    id.ok ? id.birthDate : null,
    row.address,
    row.village ? `${row.township ?? ''}|${row.village}` : null,
    JSON.stringify(row.phones),
    row.contractNo,
    row.product,
    row.guaranteeType,
    row.guarantors,
    row.disbursedOn,
    row.maturityOn,
    row.contractAmountFen,
    row.balanceFen,
    row.annualRatePpm,
    row.principalOverdueDays,
    row.interestOwedFen,
    row.interestOverdueDays,
    row.riskClass,
    row.managerName,
  ];
}
