import { sql } from 'kysely';
import type { BoardRow, RankingBoard, TargetFigures } from '../../shared/api/targets';
import type { ReadDb } from '../db/read-db';
import { addMonths } from '../village-work/months';

const PINYIN = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

/** The month's first day and the next month's first day. */
export function monthRange(month: string): { first: string; next: string } {
  const first = `${month}-01`;
  return { first, next: addMonths(first, 1) };
}

/** The import the month is measured from and its last one (see BOARD_DEFINITIONS). */
export async function boardDates(db: ReadDb, month: string): Promise<{ baselineAsOf: string | null; endAsOf: string | null }> {
  const { first, next } = monthRange(month);
  const before = await db.selectFrom('loan_snapshots').select((eb) => eb.fn.max('as_of').as('d')).where('as_of', '<', first).executeTakeFirst();
  const inMonth = await db
    .selectFrom('loan_snapshots')
    .select((eb) => [eb.fn.min('as_of').as('lo'), eb.fn.max('as_of').as('hi')])
    .where('as_of', '>=', first)
    .where('as_of', '<', next)
    .executeTakeFirst();
  const endAsOf = (inMonth?.hi as string | null) ?? null;
  const baselineAsOf = ((before?.d as string | null) ?? (inMonth?.lo as string | null)) ?? null;
  return { baselineAsOf, endAsOf };
}

interface Credit {
  manager_id: string;
  recovered: number;
  cleared: number;
}

/**
 * Overdue principal recovered (收回逾期本金) and overdue loans cleared (清收逾期贷款笔数), per
 * manager of the baseline:
 * - baseline loans: each loan's latest snapshot dated on or before the baseline date B is active
 *   with principal_overdue_days > 0, and the loan was not settled by B;
 * - recovered: its balance drop from that snapshot to the loan's latest snapshot in (B, E]
 *   (floored at 0); a loan settled in (B, E] counts its whole baseline balance; no later snapshot
 *   and not settled: 0;
 * - cleared: settled in (B, E], or that later snapshot shows principal_overdue_days = 0;
 * - credited to the baseline snapshot's manager_id (the manager on B, even if reassigned since).
 */
async function credits(db: ReadDb, b: string, e: string): Promise<Credit[]> {
  const { rows } = await sql<Credit>`
    with base as (
      select s.loan_id, s.balance_fen, s.manager_id
      from loan_snapshots s
      join (select loan_id, max(as_of) as as_of from loan_snapshots where as_of <= ${b} group by loan_id) m
        on m.loan_id = s.loan_id and m.as_of = s.as_of
      join loans l on l.id = s.loan_id
      where s.status = 'active' and s.principal_overdue_days > 0 and s.manager_id is not null
        and not (l.settled_on is not null and l.settled_on <= ${b})
    ),
    fin as (
      select s.loan_id, s.balance_fen, s.principal_overdue_days, s.status
      from loan_snapshots s
      join (select loan_id, max(as_of) as as_of from loan_snapshots where as_of > ${b} and as_of <= ${e} group by loan_id) m
        on m.loan_id = s.loan_id and m.as_of = s.as_of
    ),
    judged as (
      select base.manager_id,
        case
          when l.status = 'settled' and l.settled_on > ${b} and l.settled_on <= ${e} then base.balance_fen
          when fin.loan_id is null then 0
          when fin.status = 'settled' then base.balance_fen
          else max(0, base.balance_fen - fin.balance_fen)
        end as recovered,
        case
          when l.status = 'settled' and l.settled_on > ${b} and l.settled_on <= ${e} then 1
          when fin.loan_id is null then 0
          when fin.status = 'settled' or fin.principal_overdue_days = 0 then 1
          else 0
        end as cleared
      from base
      join loans l on l.id = base.loan_id
      left join fin on fin.loan_id = base.loan_id
    )
    select manager_id, sum(recovered) as recovered, sum(cleared) as cleared from judged group by manager_id`.execute(db);
  return rows.map((r) => ({ manager_id: r.manager_id, recovered: Number(r.recovered), cleared: Number(r.cleared) }));
}

const rate = (result: number, target: number | null) => (target === null ? null : result / target);

export async function rankingBoard(db: ReadDb, month: string, canSetTargets: boolean): Promise<RankingBoard> {
  const { first, next } = monthRange(month);
  const { baselineAsOf, endAsOf } = await boardDates(db, month);
  const noImport = endAsOf === null;
  const credited = !noImport && baselineAsOf !== null && baselineAsOf < endAsOf ? await credits(db, baselineAsOf, endAsOf) : [];
  const contacts = await db
    .selectFrom('contacts')
    .select((eb) => ['staff_id', eb.fn.countAll<number>().as('n')])
    .where('contacted_at', '>=', first)
    .where('contacted_at', '<', next)
    .groupBy('staff_id')
    .execute();
  const targets = await db.selectFrom('manager_targets').selectAll().where('month', '=', month).execute();

  // Account managers, anyone with a target this month, and anyone credited with a result.
  const alsoIds = [...new Set([...targets.map((t) => t.manager_id), ...credited.map((c) => c.manager_id)])];
  const staff = await db
    .selectFrom('staff')
    .select(['id', 'display_name', 'role', 'active'])
    .where((eb) => eb.or([eb('role', '=', 'manager'), ...(alsoIds.length > 0 ? [eb('id', 'in', alsoIds)] : [])]))
    .execute();
  const contactsBy = new Map(contacts.map((c) => [c.staff_id, Number(c.n)]));
  const creditBy = new Map(credited.map((c) => [c.manager_id, c]));
  const targetBy = new Map(targets.map((t) => [t.manager_id, t]));
  const nonZero = (n: number | undefined) => (n === undefined || n === 0 ? null : n);

  const rows: BoardRow[] = staff
    .filter((s) => (s.role === 'manager' && s.active === 1) || alsoIds.includes(s.id))
    .map((s) => {
      const t = targetBy.get(s.id);
      const c = creditBy.get(s.id);
      const results: TargetFigures = { recoveredPrincipalFen: c?.recovered ?? 0, clearedLoans: c?.cleared ?? 0, contacts: contactsBy.get(s.id) ?? 0 };
      const tg = { recoveredPrincipalFen: nonZero(t?.recovered_principal_fen), clearedLoans: nonZero(t?.cleared_loans), contacts: nonZero(t?.contacts) };
      const rates = {
        recoveredPrincipal: rate(results.recoveredPrincipalFen, tg.recoveredPrincipalFen),
        clearedLoans: rate(results.clearedLoans, tg.clearedLoans),
        contacts: rate(results.contacts, tg.contacts),
      };
      const set = Object.values(rates).filter((r): r is number => r !== null);
      const score = set.length === 0 ? null : set.reduce((a, x) => a + x, 0) / set.length;
      return { rank: 0, managerId: s.id, name: s.display_name, active: s.role === 'manager' && s.active === 1, targets: tg, results, rates, score };
    });
  rankRows(rows);
  const totals: TargetFigures = {
    recoveredPrincipalFen: rows.reduce((s, r) => s + r.results.recoveredPrincipalFen, 0),
    clearedLoans: rows.reduce((s, r) => s + r.results.clearedLoans, 0),
    contacts: rows.reduce((s, r) => s + r.results.contacts, 0),
  };
  return { month, baselineAsOf, endAsOf, noImport, rows, totals, canSetTargets };
}

interface Rankable {
  rank: number;
  name: string;
  score: number | null;
  results: { recoveredPrincipalFen: number };
}

/**
 * Orders the board (score, then recovered principal, then name; no score last) and ranks it: equal
 * score and recovered principal share a rank (1, 1, 3). Scores are averages of rates, so the same
 * score reached in another order differs in its last bits: scores within 1e-9 are equal.
 */
export function rankRows(rows: Rankable[]): void {
  const sameScore = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);
  rows.sort(
    (a, b) =>
      (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) ||
      (sameScore(a.score, b.score) ? 0 : (b.score ?? 0) - (a.score ?? 0)) ||
      b.results.recoveredPrincipalFen - a.results.recoveredPrincipalFen ||
      PINYIN.compare(a.name, b.name),
  );
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && sameScore(prev.score, r.score) && prev.results.recoveredPrincipalFen === r.results.recoveredPrincipalFen ? prev.rank : i + 1;
  });
}
