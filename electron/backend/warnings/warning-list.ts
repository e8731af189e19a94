import { sql } from 'kysely';
import { WARNING_SIGNALS, type WarningItem, type WarningLoan, type WarningSignal, type WarningSnapshot, type WarningsPage } from '../../shared/api/warnings';
import type { RiskClass } from '../../shared/domain';
import { formatYuan } from '../../shared/money';
import { tablesVersion } from '../changelog/table-versions';
import { readTransaction, type ReadDb } from '../db/read-db';
import { KEY_COLUMN, openSignals, SIGNAL_COUNT, type SignalFilter } from './signals-sql';

/** A row of `open` with the loan's names, as the statement returns it. */
interface OpenRow {
  id: string;
  loan_no: string;
  borrower: string;
  village: string | null;
  manager_id: string | null;
  manager: string | null;
  maturity_on: string | null;
  balance_fen: number;
  d1: string;
  d2: string | null;
  d3: string | null;
  s1_balance: number;
  s1_pod: number;
  s1_io: number | null;
  s1_class: RiskClass | null;
  s1_iod: number | null;
  s2_balance: number | null;
  s2_pod: number | null;
  s2_io: number | null;
  s2_class: RiskClass | null;
  s3_balance: number | null;
  s3_pod: number | null;
  s3_io: number | null;
  s3_class: RiskClass | null;
  k_class: string | null;
  k_interest: string | null;
  k_first: string | null;
  k_matured: string | null;
  k_related: string | null;
  k_too_good: string | null;
}

/** The newest as-of date of the history (signals are read there). */
export async function latestAsOf(db: ReadDb): Promise<string | null> {
  const row = await db.selectFrom('loan_snapshots').select((eb) => eb.fn.max('as_of').as('d')).executeTakeFirst();
  return (row?.d as string | null | undefined) ?? null;
}


/**
 * `open` with the loans' names, most signals first (then larger balance, then loan number): the
 * whole selection when `limit` is null (listed and paged from the cache), else one page.
 */
async function openRows(db: ReadDb, asOf: string, f: SignalFilter, limit: number | null): Promise<OpenRow[]> {
  const page = limit === null ? sql`` : sql`limit ${limit}`;
  const { rows } = await sql<OpenRow>`
    with ${openSignals(asOf, f)}
    select p.*, b.name as borrower, v.name as village, s.display_name as manager
    from (select * from open order by ${SIGNAL_COUNT} desc, balance_fen desc, loan_no ${page}) p
    join borrowers b on b.id = p.borrower_id
    left join villages v on v.id = b.village_id
    left join staff s on s.id = p.manager_id
    order by ${SIGNAL_COUNT} desc, p.balance_fen desc, p.loan_no`.execute(db);
  return rows;
}

/** What the list is read from: while none of these changes, neither does a selection's list. */
const LIST_TABLES = ['loan_snapshots', 'loans', 'loan_handovers', 'loan_assignments', 'warning_clearances', 'borrowers', 'villages', 'staff'];

/** The last selection read per database (the whole book takes seconds at county scale; paging must not repeat it). */
const cache = new WeakMap<ReadDb, { version: number; key: string; asOf: string | null; rows: OpenRow[] }>();

async function selection(db: ReadDb, f: SignalFilter): Promise<{ asOf: string | null; rows: OpenRow[] }> {
  return readTransaction(db, async (trx) => {
    const version = await tablesVersion(trx, LIST_TABLES);
    const key = JSON.stringify([f.managerId, f.villageId]);
    const cached = cache.get(db);
    if (cached && cached.version === version && cached.key === key) return cached;
    const asOf = await latestAsOf(trx);
    const rows = asOf === null ? [] : await openRows(trx, asOf, f, null);
    const entry = { version, key, asOf, rows };
    cache.set(db, entry);
    return entry;
  });
}

const snap = (asOf: string, balance: number, pod: number, io: number | null, cls: RiskClass | null): WarningSnapshot => ({
  asOf,
  balanceFen: Number(balance),
  principalOverdueDays: Number(pod),
  interestOwedFen: io === null ? null : Number(io),
  riskClass: cls,
});

interface Related {
  loan_no: string;
  principal_overdue_days: number;
  balance_fen: number;
}

/** The signals of one row, each with its snapshots and its evidence in words. */
export function rowSignals(r: OpenRow, related: Map<string, Related>): WarningItem[] {
  const s1 = snap(r.d1, r.s1_balance, r.s1_pod, r.s1_io, r.s1_class);
  const s2 = r.d2 === null ? null : snap(r.d2, r.s2_balance ?? 0, r.s2_pod ?? 0, r.s2_io, r.s2_class);
  const s3 = r.d3 === null ? null : snap(r.d3, r.s3_balance ?? 0, r.s3_pod ?? 0, r.s3_io, r.s3_class);
  const io = (s: WarningSnapshot) => `${s.asOf} 欠息 ${formatYuan(s.interestOwedFen ?? 0)} 元`;
  const out: WarningItem[] = [];
  if (r.k_class && s2) {
    out.push({ signal: 'class-down', evidenceKey: r.k_class, snapshots: [s2, s1], text: `${s2.asOf} ${s2.riskClass} → ${s1.asOf} ${s1.riskClass}` });
  }
  if (r.k_interest && s2 && s3) {
    out.push({ signal: 'interest-rising', evidenceKey: r.k_interest, snapshots: [s3, s2, s1], text: [s3, s2, s1].map(io).join(' → ') });
  }
  if (r.k_first && s2) {
    out.push({ signal: 'first-overdue', evidenceKey: r.k_first, snapshots: [s2, s1], text: `${s2.asOf} 未逾期 → ${s1.asOf} 本金逾期 ${s1.principalOverdueDays} 天` });
  }
  if (r.k_matured) {
    out.push({
      signal: 'matured-unpaid',
      evidenceKey: r.k_matured,
      snapshots: [s1],
      text: `到期日 ${r.k_matured}，${s1.asOf} 余额 ${formatYuan(s1.balanceFen)} 元未还`,
    });
  }
  if (r.k_related) {
    const others = r.k_related.split(',').map((no) => {
      const o = related.get(no);
      return o ? `${no}（本金逾期 ${o.principal_overdue_days} 天，余额 ${formatYuan(o.balance_fen)} 元）` : no;
    });
    out.push({ signal: 'related-overdue', evidenceKey: r.k_related, snapshots: [s1], text: `同户另有逾期贷款：${others.join('、')}` });
  }
  if (r.k_too_good) {
    const days = [s1.principalOverdueDays > 0 ? `本金逾期 ${s1.principalOverdueDays} 天` : null, r.s1_iod ? `欠息 ${r.s1_iod} 天` : null].filter(Boolean).join('、');
    out.push({ signal: 'class-too-good', evidenceKey: r.k_too_good, snapshots: [s1], text: `${s1.asOf} ${days}，五级分类仍为${s1.riskClass}` });
  }
  return out;
}

async function relatedLoans(db: ReadDb, rows: OpenRow[]): Promise<Map<string, Related>> {
  const nos = [...new Set(rows.flatMap((r) => (r.k_related ? r.k_related.split(',') : [])))];
  if (nos.length === 0) return new Map();
  const found = await db.selectFrom('loans').select(['loan_no', 'principal_overdue_days', 'balance_fen']).where('loan_no', 'in', nos).execute();
  return new Map(found.map((o) => [o.loan_no, o]));
}

function toLoan(r: OpenRow, related: Map<string, Related>): WarningLoan {
  return {
    loanId: r.id,
    loanNo: r.loan_no,
    borrower: r.borrower,
    village: r.village,
    managerId: r.manager_id,
    manager: r.manager,
    balanceFen: Number(r.balance_fen),
    maturityOn: r.maturity_on,
    signals: rowSignals(r, related),
  };
}

const zeroCounts = (): Record<WarningSignal, number> => Object.fromEntries(WARNING_SIGNALS.map((s) => [s, 0])) as Record<WarningSignal, number>;

export interface WarningQuery extends SignalFilter {
  signal?: WarningSignal;
  offset: number;
  limit: number;
}

/** One page of the early-warning list at the newest as-of date, with the selection's counts. */
export async function warningPage(db: ReadDb, q: WarningQuery): Promise<Omit<WarningsPage, 'canClearAny'>> {
  const { asOf, rows } = await selection(db, { managerId: q.managerId, villageId: q.villageId });
  const counts = zeroCounts();
  for (const r of rows) for (const s of WARNING_SIGNALS) if (r[KEY_COLUMN[s] as keyof OpenRow] !== null) counts[s]++;
  const selected = q.signal ? rows.filter((r) => r[KEY_COLUMN[q.signal!] as keyof OpenRow] !== null) : rows;
  const page = selected.slice(q.offset, q.offset + q.limit);
  const related = await relatedLoans(db, page);
  return { asOf, total: selected.length, counts, rows: page.map((r) => toLoan(r, related)) };
}

/** One loan's uncleared signals now (clearing checks the evidence it is given against these). */
export async function loanSignals(db: ReadDb, loanId: string): Promise<WarningItem[]> {
  const asOf = await latestAsOf(db);
  if (asOf === null) return [];
  const rows = await openRows(db, asOf, { loanId }, 1);
  const row = rows[0];
  return row ? rowSignals(row, await relatedLoans(db, rows)) : [];
}
