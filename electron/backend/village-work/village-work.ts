import type { CadreView, NotVisitedList, NotVisitedRow, VillageWorkView, VisitView } from '../../shared/api/village-work';
import { CADRE_ROLES, VISIT_PERIOD_MONTHS } from '../../shared/api/village-work';
import { daysBetween, todayLocal } from '../../shared/dates';
import { checkPhone, normalizePhone } from '../../shared/phone';
import type { Caller } from '../auth/caller';
import type { WriteContext } from '../changelog/write-context';
import { assertMayWorkOnVillage } from '../collection/book-access';
import type { ReadDb } from '../db/read-db';
import type { Row } from '../db/schema';
import { AppError } from '../rpc/app-error';
import { addMonths } from './months';

const PINYIN = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

/** The first day a visit counts on: visits dated after today minus 6 months (a visit exactly 6 months ago no longer does). */
export function visitCutoff(today: string): string {
  return addMonths(today, -VISIT_PERIOD_MONTHS);
}

/**
 * Villages with active loans whose manager has not visited them since the cutoff ("each manager
 * spends a day with each village's cadres at least every half year"). A village's manager is its
 * own (villages.manager_id, set when a village is assigned), else the manager of most of its
 * active loans (ties: the smaller staff id), so that villages never assigned as a whole still show
 * one. A visit counts for that manager when they recorded it or are named among 走访人员; for a
 * village with no manager, any visit counts.
 */
export async function notVisited(db: ReadDb, filter: { managerId?: string | null }): Promise<NotVisitedList> {
  const today = todayLocal();
  const cutoff = visitCutoff(today);
  const villages = await db
    .selectFrom('villages as v')
    .innerJoin('borrowers as b', 'b.village_id', 'v.id')
    .innerJoin('loans as l', 'l.borrower_id', 'b.id')
    .select((eb) => ['v.id', 'v.township', 'v.name', 'v.manager_id', eb.fn.countAll<number>().as('loans'), eb.fn.sum<number>('l.balance_fen').as('balance')])
    .where('l.status', '=', 'active')
    .groupBy('v.id')
    .execute();
  const byLoans = await db
    .selectFrom('loans as l')
    .innerJoin('borrowers as b', 'b.id', 'l.borrower_id')
    .innerJoin('current_loan_managers as cm', 'cm.loan_id', 'l.id')
    .select((eb) => ['b.village_id', 'cm.manager_id', eb.fn.countAll<number>().as('n')])
    .where('l.status', '=', 'active')
    .where('b.village_id', 'is not', null)
    .groupBy(['b.village_id', 'cm.manager_id'])
    .execute();
  const topManager = new Map<string, { managerId: string; n: number }>();
  for (const r of byLoans) {
    const top = topManager.get(r.village_id!);
    const n = Number(r.n);
    if (!top || n > top.n || (n === top.n && r.manager_id < top.managerId)) topManager.set(r.village_id!, { managerId: r.manager_id, n });
  }
  const staff = new Map((await db.selectFrom('staff').select(['id', 'display_name', 'role', 'active']).execute()).map((s) => [s.id, s]));
  // Newest first: a village's first visit that counts for its manager is its last.
  const visits = await db.selectFrom('village_visits').select(['village_id', 'visited_on', 'staff_id', 'visitors']).orderBy('visited_on', 'desc').execute();
  const visitsByVillage = new Map<string, typeof visits>();
  for (const v of visits) visitsByVillage.set(v.village_id, [...(visitsByVillage.get(v.village_id) ?? []), v]);
  const lastVisitOf = (villageId: string, managerId: string | null): string | null => {
    const name = managerId ? staff.get(managerId)?.display_name : undefined;
    const counts = (v: (typeof visits)[number]) => managerId === null || v.staff_id === managerId || (name !== undefined && name !== '' && v.visitors.includes(name));
    return visitsByVillage.get(villageId)?.find(counts)?.visited_on ?? null;
  };

  const rows: NotVisitedRow[] = [];
  let villagesWithLoans = 0;
  const managerIds = new Set<string>();
  for (const v of villages) {
    const managerId = v.manager_id ?? topManager.get(v.id)?.managerId ?? null;
    if (managerId) managerIds.add(managerId);
    if (filter.managerId !== undefined && filter.managerId !== managerId) continue;
    villagesWithLoans++;
    const last = lastVisitOf(v.id, managerId);
    if (last !== null && last > cutoff) continue;
    rows.push({
      villageId: v.id,
      township: v.township,
      village: v.name,
      managerId,
      manager: managerId ? (staff.get(managerId)?.display_name ?? null) : null,
      loans: Number(v.loans),
      balanceFen: Number(v.balance ?? 0),
      lastVisitOn: last,
      daysSince: last === null ? null : daysBetween(last, today),
    });
  }
  rows.sort(
    (a, b) =>
      (a.lastVisitOn === null ? 0 : 1) - (b.lastVisitOn === null ? 0 : 1) ||
      (a.lastVisitOn ?? '').localeCompare(b.lastVisitOn ?? '') ||
      PINYIN.compare(a.township, b.township) ||
      PINYIN.compare(a.village, b.village),
  );
  for (const s of staff.values()) if (s.role === 'manager' && s.active === 1) managerIds.add(s.id);
  const managers = [...managerIds]
    .map((id) => ({ id, name: staff.get(id)?.display_name ?? '' }))
    .sort((a, b) => PINYIN.compare(a.name, b.name));
  return { today, cutoff, rows, villagesWithLoans, managers };
}

function cadreView(r: Row<'village_cadres'>): CadreView {
  return {
    id: r.id,
    villageId: r.village_id,
    name: r.name,
    role: r.role,
    groupName: r.group_name,
    phone: r.phone,
    note: r.note,
    active: r.active === 1,
    updatedAt: r.updated_at,
  };
}

const roleOrder = (role: string) => {
  const i = (CADRE_ROLES as readonly string[]).indexOf(role);
  return i < 0 ? CADRE_ROLES.length : i;
};

async function mayWrite(db: ReadDb, user: Caller, villageId: string): Promise<boolean> {
  try {
    await assertMayWorkOnVillage(db, user, villageId);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_YOUR_BOOK') return false;
    throw err;
  }
}

async function villageOrFail(db: ReadDb, villageId: string): Promise<Row<'villages'>> {
  const v = await db.selectFrom('villages').selectAll().where('id', '=', villageId).executeTakeFirst();
  if (!v) throw new AppError('NOT_FOUND', '找不到这个村，可能已被删除，请刷新后重试。', `village ${villageId} not found`);
  return v;
}

export async function villageWork(db: ReadDb, user: Caller, villageId: string): Promise<VillageWorkView> {
  const v = await villageOrFail(db, villageId);
  const manager = v.manager_id ? await db.selectFrom('staff').select('display_name').where('id', '=', v.manager_id).executeTakeFirst() : undefined;
  const cadres = (await db.selectFrom('village_cadres').selectAll().where('village_id', '=', villageId).execute())
    .map(cadreView)
    .sort(
      (a, b) =>
        Number(b.active) - Number(a.active) ||
        roleOrder(a.role) - roleOrder(b.role) ||
        a.groupName.localeCompare(b.groupName, 'zh-CN', { numeric: true }) ||
        PINYIN.compare(a.name, b.name),
    );
  const visits = await visitQuery(db).where('vv.village_id', '=', villageId).orderBy('vv.visited_on', 'desc').orderBy('vv.created_at', 'desc').execute();
  return {
    villageId: v.id,
    township: v.township,
    village: v.name,
    managerId: v.manager_id,
    manager: manager?.display_name ?? null,
    cadres,
    visits: visits.map(visitView),
    canWrite: await mayWrite(db, user, villageId),
  };
}

function visitQuery(db: ReadDb) {
  return db
    .selectFrom('village_visits as vv')
    .innerJoin('staff as s', 's.id', 'vv.staff_id')
    .select(['vv.id', 'vv.village_id', 'vv.visited_on', 'vv.visitors', 'vv.met', 'vv.learned', 'vv.staff_id', 's.display_name', 'vv.created_at']);
}

function visitView(r: {
  id: string;
  village_id: string;
  visited_on: string;
  visitors: string;
  met: string;
  learned: string;
  staff_id: string;
  display_name: string;
  created_at: number;
}): VisitView {
  return {
    id: r.id,
    villageId: r.village_id,
    visitedOn: r.visited_on,
    visitors: r.visitors,
    met: r.met,
    learned: r.learned,
    staffId: r.staff_id,
    staffName: r.display_name,
    createdAt: r.created_at,
  };
}

function cadrePhone(input: string): string {
  if (input === '') return '';
  const phone = normalizePhone(input);
  if (!checkPhone(phone).ok) {
    throw new AppError('INVALID_PHONE', `电话“${input}”不是有效的手机号或固定电话（如 13800138000、0358-1234567）。`, 'invalid cadre phone (value not logged)');
  }
  return phone;
}

export interface CadreFields {
  name: string;
  role: string;
  groupName: string;
  phone: string;
  note: string;
}

function cadreColumns(input: CadreFields) {
  return {
    name: input.name,
    role: input.role,
    // A group belongs to a 村民小组组长 only.
    group_name: input.role === '村民小组组长' ? input.groupName : '',
    phone: cadrePhone(input.phone),
    note: input.note,
  };
}

export async function addCadre(w: WriteContext, user: Caller, input: CadreFields & { villageId: string }): Promise<CadreView> {
  await villageOrFail(w.trx, input.villageId);
  await assertMayWorkOnVillage(w.trx, user, input.villageId);
  const row = await w.insert('village_cadres', { village_id: input.villageId, ...cadreColumns(input), active: 1 });
  return cadreView(row);
}

const staleCadre = (id: string) =>
  new AppError('STALE_WRITE', '这位村干部的信息已被其他人修改，本次修改未保存。请刷新后重试。', `village_cadres ${id}: updated_at changed since read`);

async function cadreForEdit(w: WriteContext, user: Caller, cadreId: string, updatedAt: number): Promise<Row<'village_cadres'>> {
  const row = await w.trx.selectFrom('village_cadres').selectAll().where('id', '=', cadreId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '找不到这位村干部，可能已被删除，请刷新后重试。', `village cadre ${cadreId} not found`);
  await assertMayWorkOnVillage(w.trx, user, row.village_id);
  if (row.updated_at !== updatedAt) throw staleCadre(cadreId);
  return row;
}

/** Edits a cadre as the caller read them: the write context refuses it when the row changed since (its updated_at). */
export async function updateCadre(w: WriteContext, user: Caller, input: CadreFields & { cadreId: string; updatedAt: number }): Promise<CadreView> {
  const row = await cadreForEdit(w, user, input.cadreId, input.updatedAt);
  const after = await w.update('village_cadres', row, cadreColumns(input));
  return cadreView(after ?? row);
}

export async function deactivateCadre(w: WriteContext, user: Caller, input: { cadreId: string; updatedAt: number }): Promise<CadreView> {
  const row = await cadreForEdit(w, user, input.cadreId, input.updatedAt);
  const after = await w.update('village_cadres', row, { active: 0 });
  return cadreView(after ?? row);
}

export async function recordVisit(
  w: WriteContext,
  user: Caller,
  input: { villageId: string; visitedOn?: string; visitors: string; met: string; learned: string },
): Promise<VisitView> {
  const today = todayLocal();
  const visitedOn = input.visitedOn ?? today;
  if (visitedOn > today) {
    throw new AppError('INVALID_INPUT', '走访日期不能晚于今天。', `visit dated ${visitedOn}, after today`);
  }
  await villageOrFail(w.trx, input.villageId);
  await assertMayWorkOnVillage(w.trx, user, input.villageId);
  const row = await w.insert('village_visits', {
    village_id: input.villageId,
    visited_on: visitedOn,
    visitors: input.visitors === '' ? user.displayName : input.visitors,
    met: input.met,
    learned: input.learned,
    staff_id: user.id,
  });
  return visitView({ ...row, display_name: user.displayName });
}
