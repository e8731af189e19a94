import type { ManagerNameMapping, RemapNameOutcome } from '../../shared/api/assignment';
import type { WriteContext } from '../changelog/write-context';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import { requireAssignable } from './managers';

/**
 * 客户经理姓名对照: the 客户经理 names the core exports used, each mapped (once, by the first
 * import that met it) to a staff member, with that staff member's current book. Pointing a name
 * at someone else changes whom the name stands for in LATER imports (the manager of new loans,
 * and of loans the setting lets an import reassign); the loans assigned so far stay where they are.
 */
export async function managerNameMappings(db: ReadDb): Promise<ManagerNameMapping[]> {
  const rows = await db
    .selectFrom('manager_names as n')
    .innerJoin('staff as s', 's.id', 'n.staff_id')
    .select((eb) => [
      'n.id',
      'n.name',
      'n.staff_id',
      'n.updated_at',
      's.display_name',
      's.role',
      's.active',
      eb
        .selectFrom('current_loan_managers as cm')
        .innerJoin('loans as l', 'l.id', 'cm.loan_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('cm.manager_id', '=', 'n.staff_id')
        .where('l.status', '=', 'active')
        .as('loans'),
    ])
    .orderBy('n.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    staffId: r.staff_id,
    staffName: r.display_name,
    staffActive: r.active === 1,
    staffIsManager: r.role === 'manager',
    staffLoans: Number(r.loans ?? 0),
    updatedAt: r.updated_at,
  }));
}

/**
 * Points an import name at another active account manager, as the caller last read the mapping
 * (updatedAt): refused when someone changed it since. Moves no loan.
 */
export async function remapManagerName(w: WriteContext, input: { mappingId: string; staffId: string; updatedAt: number }): Promise<RemapNameOutcome> {
  const row = await w.trx.selectFrom('manager_names').selectAll().where('id', '=', input.mappingId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '找不到这个姓名对照，请刷新后重试。', `manager_names ${input.mappingId} not found`);
  if (row.updated_at !== input.updatedAt) {
    throw new AppError('STALE_WRITE', `“${row.name}”的对照已被其他人修改，本次修改未保存。请刷新后重试。`, `manager_names ${row.id}: updated_at ${row.updated_at}, caller read ${input.updatedAt}`);
  }
  const [staff] = await requireAssignable(w.trx, [input.staffId]);
  const after = await w.update('manager_names', row, { staff_id: staff.id });
  const mapping = (await managerNameMappings(w.trx)).find((m) => m.id === row.id)!;
  return { changed: after !== null, mapping };
}
