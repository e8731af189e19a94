import { sql } from 'kysely';
import type { ReadDb } from '../db/read-db';
import { spotCheckFigures } from '../inspections/spot-checks';
import { inVillage } from './loan-rows';
import type { ByManager } from './month-tallies';

/** The month's spot checks, one row each: the inspector (as manager_id), whether checked and confirmed. */
export function spotCheckRows(month: string, villageId?: string) {
  return sql`
    select i.loan_id, i.staff_id as manager_id, i.inspected_on, c.verdict, c.note, c.checked_on,
      case when c.verdict = 'confirmed' then 1 else 0 end as confirmed,
      case when c.verdict = 'pending' then 0 else 1 end as checked
    from spot_checks c join inspections i on i.id = c.inspection_id
    where c.month = ${month} ${inVillage('i.loan_id', villageId)}`;
}

/**
 * 抽查达标率 per inspector: the inspections module's figures (confirmed ÷ decided) for each
 * inspector with a decided check this month. Its figures know no village, so a village's are
 * counted here from the same rows by the same rule.
 */
export async function spotCheckTallies(db: ReadDb, month: string, villageId?: string): Promise<ByManager> {
  if (villageId !== undefined) {
    const { rows } = await sql<{ manager_id: string; confirmed: number; checked: number }>`
      select manager_id, sum(confirmed) as confirmed, sum(checked) as checked from (${spotCheckRows(month, villageId)}) group by manager_id`.execute(db);
    return new Map(rows.map((r) => [r.manager_id, { numerator: Number(r.confirmed), denominator: Number(r.checked) }]));
  }
  const inspectors = await db
    .selectFrom('spot_checks as c')
    .innerJoin('inspections as i', 'i.id', 'c.inspection_id')
    .select('i.staff_id')
    .distinct()
    .where('c.month', '=', month)
    .where('c.verdict', '!=', 'pending')
    .execute();
  const out: ByManager = new Map();
  for (const { staff_id } of inspectors) out.set(staff_id, await spotCheckFigures(db, month, staff_id));
  return out;
}
