import { sql } from 'kysely';
import type { Movement, OverdueMovement, OverdueMovementRow } from '../../shared/api/month-end';
import type { ReadDb } from '../db/read-db';
import { boardDates } from '../targets/board';

const PINYIN = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
type Kind = 'start' | 'end' | 'new' | 'cleared';

const zero = (): Movement => ({ loans: 0, balanceFen: 0 });
const emptyRow = (managerId: string | null, name: string): OverdueMovementRow => ({ managerId, name, start: zero(), newlyOverdue: zero(), cleared: zero(), end: zero() });
const FIELD: Record<Kind, 'start' | 'end' | 'newlyOverdue' | 'cleared'> = { start: 'start', end: 'end', new: 'newlyOverdue', cleared: 'cleared' };

/**
 * Each loan as its latest snapshot on or before a date shows it, unless it was settled by then
 * (a full export settles a loan by leaving it out: the loan row says when, no snapshot does).
 */
const stateAt = (date: string) => sql`
  select s.loan_id, s.balance_fen, s.manager_id, s.status = 'active' and s.principal_overdue_days > 0 as overdue
  from loan_snapshots s
  join (select loan_id, max(as_of) as as_of from loan_snapshots where as_of <= ${date} group by loan_id) m on m.loan_id = s.loan_id and m.as_of = s.as_of
  join loans l on l.id = s.loan_id
  where not (l.settled_on is not null and l.settled_on <= ${date})`;

/** The month's overdue movement per manager (see OVERDUE_MOVEMENT_DEFINITION), from the snapshots on either side of it. */
export async function overdueMovement(db: ReadDb, month: string): Promise<OverdueMovement> {
  const { baselineAsOf: b, endAsOf: e } = await boardDates(db, month);
  const total = emptyRow(null, '合计');
  if (b === null || e === null) return { startAsOf: b, endAsOf: e, rows: [], total };
  const { rows } = await sql<{ kind: Kind; manager_id: string | null; name: string | null; n: number; balance: number }>`
    with st as materialized (${stateAt(b)}), en as materialized (${stateAt(e)}),
    moves as (
      select 'start' as kind, st.manager_id, st.balance_fen as balance from st where st.overdue
      union all select 'end', en.manager_id, en.balance_fen from en where en.overdue
      union all select 'new', en.manager_id, en.balance_fen from en left join st on st.loan_id = en.loan_id where en.overdue and not coalesce(st.overdue, 0)
      union all select 'cleared', st.manager_id, st.balance_fen from st left join en on en.loan_id = st.loan_id where st.overdue and not coalesce(en.overdue, 0)
    )
    select kind, manager_id, s.display_name as name, count(*) as n, sum(balance) as balance
    from moves left join staff s on s.id = moves.manager_id
    group by kind, manager_id`.execute(db);
  const byManager = new Map<string | null, OverdueMovementRow>();
  for (const r of rows) {
    let row = byManager.get(r.manager_id);
    if (!row) byManager.set(r.manager_id, (row = emptyRow(r.manager_id, r.name ?? '未分配')));
    const m = { loans: Number(r.n), balanceFen: Number(r.balance) };
    row[FIELD[r.kind]] = m;
    const t = total[FIELD[r.kind]];
    t.loans += m.loans;
    t.balanceFen += m.balanceFen;
  }
  const sorted = [...byManager.values()].sort((x, y) => (x.managerId === null ? 1 : 0) - (y.managerId === null ? 1 : 0) || PINYIN.compare(x.name, y.name));
  return { startAsOf: b, endAsOf: e, rows: sorted, total };
}

/** One manager's row of the movement (zeros when they had no overdue loan either side). */
export function movementOf(m: OverdueMovement, managerId: string, name: string): OverdueMovementRow {
  return m.rows.find((r) => r.managerId === managerId) ?? emptyRow(managerId, name);
}
