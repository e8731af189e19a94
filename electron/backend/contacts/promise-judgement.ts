import type { PromiseEvidence, PromiseJudgement } from '../../shared/api/contacts';
import { sql } from 'kysely';
import type { ReadDb } from '../db/read-db';
import { readManyRows } from '../db/read-many-rows';

/** What a promise is judged on: its contact's day, its loan (or the household's loans), the date and amount. */
export interface PromiseToJudge {
  borrowerId: string;
  loanId: string | null;
  contactedOn: string;
  promiseOn: string;
  promiseFen: number;
}

interface Snapshot {
  loanId: string;
  asOf: string;
  balanceFen: number;
  overdueFen: number;
}

interface LoanHistory {
  settledOn: string | null;
  /** Ascending by as_of. */
  snapshots: Snapshot[];
}

interface ImportOn {
  id: string;
  fileName: string;
}

/**
 * Judges promises from the imports (issue 10): the baseline is the register as of the last import
 * dated before the contact's day (its figures that day; the first import when there is none
 * before); a promise is kept when an import dated after the baseline and no later than the
 * promised date shows the overdue amount or the balance of the promise's loans fallen by at least
 * the promised amount; broken once `today` is past the promised date without that.
 *
 * The overdue amount of a loan is its balance when its principal is overdue, plus interest owed;
 * a loan settled by a date counts zero from then on. A household promise (no loan) covers the
 * loans the household had at the baseline.
 */
export async function judgePromises(db: ReadDb, promises: readonly PromiseToJudge[], today: string): Promise<PromiseJudgement[]> {
  if (promises.length === 0) return [];
  const loansOf = await promiseLoans(db, promises);
  const histories = await loanHistories(db, [...new Set([...loansOf.values()].flat())]);
  const imports = await importsByDate(db);
  const lastImportDate = [...imports.keys()].sort().pop() ?? null;
  return promises.map((p, i) => judgeOne(p, loansOf.get(i) ?? [], histories, imports, lastImportDate, today));
}

function judgeOne(
  p: PromiseToJudge,
  loanIds: string[],
  histories: Map<string, LoanHistory>,
  imports: Map<string, ImportOn>,
  lastImportDate: string | null,
  today: string,
): PromiseJudgement {
  const loans = loanIds.map((id) => histories.get(id)).filter((h): h is LoanHistory => h !== undefined && h.snapshots.length > 0);
  const dates = [...new Set(loans.flatMap((h) => h.snapshots.map((s) => s.asOf)))].sort();
  const before = dates.filter((d) => d < p.contactedOn).pop();
  const baselineAsOf = before ?? dates[0] ?? null;
  const pendingOrBroken = (): PromiseJudgement => {
    const broken = today > p.promiseOn;
    return { status: broken ? 'broken' : 'pending', evidence: null, baselineAsOf, awaitingData: broken && (lastImportDate === null || lastImportDate < p.promiseOn) };
  };
  if (baselineAsOf === null) return pendingOrBroken();

  const counted = loans.filter((h) => h.snapshots[0]!.asOf <= baselineAsOf && (h.settledOn === null || h.settledOn > baselineAsOf));
  const base = stateOn(counted, baselineAsOf);
  const candidates = [...new Set([...dates, ...counted.map((h) => h.settledOn).filter((d): d is string => d !== null)])]
    .filter((d) => d > baselineAsOf && d <= p.promiseOn)
    .sort();
  for (const d of candidates) {
    const now = stateOn(counted, d);
    const overdueFell = base.overdueFen - now.overdueFen;
    const balanceFell = base.balanceFen - now.balanceFen;
    if (overdueFell >= p.promiseFen || balanceFell >= p.promiseFen) {
      const imp = imports.get(d) ?? null;
      const evidence: PromiseEvidence = {
        importId: imp?.id ?? null,
        fileName: imp?.fileName ?? null,
        asOf: d,
        measure: overdueFell >= p.promiseFen ? 'overdue' : 'balance',
        fellByFen: Math.max(overdueFell, balanceFell),
      };
      return { status: 'kept', evidence, baselineAsOf, awaitingData: false };
    }
  }
  return pendingOrBroken();
}

/** The loans' figures as the register knew them on `date`: each loan's last snapshot then, zero once settled. */
function stateOn(loans: LoanHistory[], date: string): { balanceFen: number; overdueFen: number } {
  let balanceFen = 0;
  let overdueFen = 0;
  for (const h of loans) {
    if (h.settledOn !== null && h.settledOn <= date) continue;
    let last: Snapshot | undefined;
    for (const s of h.snapshots) {
      if (s.asOf > date) break;
      last = s;
    }
    if (!last) continue;
    balanceFen += last.balanceFen;
    overdueFen += last.overdueFen;
  }
  return { balanceFen, overdueFen };
}

async function promiseLoans(db: ReadDb, promises: readonly PromiseToJudge[]): Promise<Map<number, string[]>> {
  const householdIds = [...new Set(promises.filter((p) => p.loanId === null).map((p) => p.borrowerId))];
  const byHousehold = new Map<string, string[]>();
  if (householdIds.length > 0) {
    const rows = await readManyRows<{ id: string; borrower_id: string }>(
      db,
      sql`(select id, borrower_id from loans where borrower_id in (select value from json_each(${JSON.stringify(householdIds)})))`,
      ['id', 'borrower_id'],
    );
    for (const r of rows) byHousehold.set(r.borrower_id, [...(byHousehold.get(r.borrower_id) ?? []), r.id]);
  }
  return new Map(promises.map((p, i) => [i, p.loanId !== null ? [p.loanId] : (byHousehold.get(p.borrowerId) ?? [])]));
}

/** Each loan's settlement date and snapshots, ascending; read as JSON (readManyRows): a county's lists judge thousands. */
async function loanHistories(db: ReadDb, loanIds: string[]): Promise<Map<string, LoanHistory>> {
  const out = new Map<string, LoanHistory>();
  if (loanIds.length === 0) return out;
  const ids = sql`(select value from json_each(${JSON.stringify(loanIds)}))`;
  const [loans, snaps] = await Promise.all([
    readManyRows<{ id: string; settled_on: string | null }>(db, sql`(select id, settled_on from loans where id in ${ids})`, ['id', 'settled_on']),
    readManyRows<{ loan_id: string; as_of: string; balance_fen: number; overdue_fen: number }>(
      db,
      sql`(select loan_id, as_of, balance_fen,
          (case when principal_overdue_days > 0 then balance_fen else 0 end) + coalesce(interest_owed_fen, 0) as overdue_fen
        from loan_snapshots where loan_id in ${ids} order by loan_id, as_of)`,
      ['loan_id', 'as_of', 'balance_fen', 'overdue_fen'],
    ),
  ]);
  for (const l of loans) out.set(l.id, { settledOn: l.settled_on, snapshots: [] });
  for (const s of snaps) out.get(s.loan_id)?.snapshots.push({ loanId: s.loan_id, asOf: s.as_of, balanceFen: s.balance_fen, overdueFen: s.overdue_fen });
  return out;
}

/** The import of each as-of date (the latest made, when a date was imported twice). */
async function importsByDate(db: ReadDb): Promise<Map<string, ImportOn>> {
  const rows = await db.selectFrom('imports').select(['id', 'file_name', 'as_of']).orderBy('created_at').execute();
  return new Map(rows.map((r) => [r.as_of, { id: r.id, fileName: r.file_name }]));
}
