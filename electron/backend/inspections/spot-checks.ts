import {
  DEFAULT_SPOT_CHECK_PERCENT,
  INSPECTION_WAY_LABELS,
  SPOT_CHECK_VERDICT_LABELS,
  type SpotCheckMonth,
  type SpotCheckRow,
} from '../../shared/api/inspections';
import { todayLocal } from '../../shared/dates';
import type { Caller } from '../auth/caller';
import { writeSetting, type SettingKey } from '../auth/settings';
import type { WriteContext } from '../changelog/write-context';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import { mulberry32 } from '../seeded-random';
import { addMonths } from '../village-work/months';

export const SPOT_CHECK_PERCENT_KEY: SettingKey = 'spot_check_percent';

export async function spotCheckPercent(db: ReadDb): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SPOT_CHECK_PERCENT_KEY).executeTakeFirst();
  const value = Number(row?.value);
  return row && Number.isInteger(value) && value >= 0 && value <= 100 ? value : DEFAULT_SPOT_CHECK_PERCENT;
}

export async function setSpotCheckPercent(w: WriteContext, percent: number): Promise<{ percent: number }> {
  await writeSetting(w, SPOT_CHECK_PERCENT_KEY, String(percent));
  return { percent };
}

/** The month's first day and the next month's: inspected_on in [from, next). */
function monthRange(month: string): { from: string; next: string } {
  const from = `${month}-01`;
  return { from, next: addMonths(from, 1) };
}

/** FNV-1a of the text: the seed of one inspector's draw in one month, the same on every PC. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The inspections in a shuffled order that depends only on the month, the inspector and the inspections. */
export function shuffledFor(month: string, staffId: string, inspectionIds: readonly string[]): string[] {
  const order = [...inspectionIds].sort();
  const random = mulberry32(seedOf(`${month}|${staffId}`));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * Draws the month's sample: of each inspector's inspections in the month, the percentage set
 * (spot_check_percent), rounded up, taken in a shuffled order seeded by the month and the
 * inspector. Drawing again keeps what was drawn and adds only what a grown month now needs.
 */
export async function drawSpotChecks(w: WriteContext, month: string): Promise<{ month: string; percent: number; drawn: number }> {
  const percent = await spotCheckPercent(w.trx);
  const { from, next } = monthRange(month);
  const [inspections, drawn] = await Promise.all([
    w.trx.selectFrom('inspections').select(['id', 'staff_id']).where('inspected_on', '>=', from).where('inspected_on', '<', next).execute(),
    w.trx.selectFrom('spot_checks').select('inspection_id').where('month', '=', month).execute(),
  ]);
  const already = new Set(drawn.map((d) => d.inspection_id));
  const byStaff = new Map<string, string[]>();
  for (const i of inspections) {
    const ids = byStaff.get(i.staff_id);
    if (ids) ids.push(i.id);
    else byStaff.set(i.staff_id, [i.id]);
  }
  const rows = [];
  for (const [staffId, ids] of [...byStaff].sort(([a], [b]) => a.localeCompare(b))) {
    const target = Math.ceil((ids.length * percent) / 100);
    let have = ids.filter((id) => already.has(id)).length;
    for (const id of shuffledFor(month, staffId, ids)) {
      if (have >= target) break;
      if (already.has(id)) continue;
      rows.push({ inspection_id: id, month, verdict: 'pending' as const, note: '', checker_id: null, checked_on: null });
      have++;
    }
  }
  await w.insertMany('spot_checks', rows);
  return { month, percent, drawn: rows.length };
}

function checkRows(db: ReadDb) {
  return db
    .selectFrom('spot_checks as c')
    .innerJoin('inspections as i', 'i.id', 'c.inspection_id')
    .innerJoin('loans as l', 'l.id', 'i.loan_id')
    .innerJoin('borrowers as b', 'b.id', 'l.borrower_id')
    .innerJoin('staff as s', 's.id', 'i.staff_id')
    .leftJoin('staff as k', 'k.id', 'c.checker_id')
    .select([
      'c.id as checkId',
      'c.inspection_id as inspectionId',
      'l.id as loanId',
      'l.loan_no as loanNo',
      'b.name as borrower',
      'i.staff_id as inspectorId',
      's.display_name as inspector',
      'i.inspected_on as inspectedOn',
      'i.way',
      'i.conclusion',
      'c.verdict',
      'c.note',
      'k.display_name as checker',
      'c.checked_on as checkedOn',
      'c.updated_at as updatedAt',
    ]);
}

export async function listSpotChecks(db: ReadDb, month: string): Promise<SpotCheckMonth> {
  const { from, next } = monthRange(month);
  const [percent, rows, counts] = await Promise.all([
    spotCheckPercent(db),
    checkRows(db).where('c.month', '=', month).orderBy('s.display_name').orderBy('i.inspected_on').orderBy('l.loan_no').execute(),
    db
      .selectFrom('inspections as i')
      .innerJoin('staff as s', 's.id', 'i.staff_id')
      .select((eb) => ['i.staff_id as staffId', 's.display_name as name', eb.fn.countAll<number>().as('inspections')])
      .where('i.inspected_on', '>=', from)
      .where('i.inspected_on', '<', next)
      .groupBy(['i.staff_id', 's.display_name'])
      .orderBy('s.display_name')
      .execute(),
  ]);
  const byInspector = counts.map((c) => {
    const mine = rows.filter((r) => r.inspectorId === c.staffId);
    return {
      staffId: c.staffId,
      name: c.name,
      inspections: Number(c.inspections),
      drawn: mine.length,
      confirmed: mine.filter((r) => r.verdict === 'confirmed').length,
      disputed: mine.filter((r) => r.verdict === 'disputed').length,
    };
  });
  return { month, percent, rows, byInspector };
}

/** Confirms or disputes a drawn inspection. Nobody checks an inspection they recorded themselves (四眼原则). */
export async function decideSpotCheck(w: WriteContext, user: Caller, checkId: string, verdict: 'confirmed' | 'disputed', note: string): Promise<SpotCheckRow> {
  const check = await w.trx.selectFrom('spot_checks').selectAll().where('id', '=', checkId).executeTakeFirst();
  if (!check) throw new AppError('NOT_FOUND', '找不到这条抽查记录，请刷新后重试。', `spot check ${checkId} not found`);
  const row = await checkRows(w.trx).where('c.id', '=', checkId).executeTakeFirstOrThrow();
  if (row.inspectorId === user.id) {
    throw new AppError(
      'FOUR_EYES',
      `四眼原则：借据 ${row.loanNo} 的贷后检查（${row.inspectedOn}，${INSPECTION_WAY_LABELS[row.way]}）是您本人登记的，不能抽查自己的检查，请由其他人员核查。`,
      `four-eyes: staff ${user.id} recorded inspection ${row.inspectionId} of spot check ${checkId}`,
    );
  }
  if (check.verdict !== 'pending') {
    throw new AppError(
      'CONFLICT',
      `借据 ${row.loanNo} 的这条抽查已由${row.checker ?? '他人'}于 ${row.checkedOn ?? ''} 核查为“${SPOT_CHECK_VERDICT_LABELS[check.verdict]}”，不能再次核查。`,
      `spot check ${checkId} already ${check.verdict}`,
    );
  }
  await w.update('spot_checks', check, { verdict, note, checker_id: user.id, checked_on: todayLocal() });
  return checkRows(w.trx).where('c.id', '=', checkId).executeTakeFirstOrThrow();
}

/**
 * 抽查达标率 of a month (the inspections' month): confirmed over decided (confirmed or disputed),
 * for one inspector or everyone. Checks still pending count in neither.
 */
export async function spotCheckFigures(db: ReadDb, month: string, staffId?: string): Promise<{ numerator: number; denominator: number }> {
  let q = db
    .selectFrom('spot_checks as c')
    .innerJoin('inspections as i', 'i.id', 'c.inspection_id')
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('c.verdict', '=', 'confirmed').then(1).else(0).end()).as('confirmed'),
      eb.fn.countAll<number>().as('decided'),
    ])
    .where('c.month', '=', month)
    .where('c.verdict', '!=', 'pending');
  if (staffId !== undefined) q = q.where('i.staff_id', '=', staffId);
  const row = await q.executeTakeFirstOrThrow();
  return { numerator: Number(row.confirmed ?? 0), denominator: Number(row.decided) };
}
