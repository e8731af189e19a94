import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';

export interface StaffName {
  id: string;
  name: string;
  role: string;
  active: boolean;
  /** Loans may be assigned to them: an active account manager. */
  assignable: boolean;
}

/** Every account manager, and the other staff named in `alsoIds` (someone who holds loans without being one). */
export async function staffNames(db: ReadDb, alsoIds: readonly string[] = []): Promise<Map<string, StaffName>> {
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'display_name', 'role', 'active'])
    .where((eb) => eb.or([eb('role', '=', 'manager'), ...(alsoIds.length > 0 ? [eb('id', 'in', [...alsoIds])] : [])]))
    .execute();
  return new Map(
    rows.map((r) => [r.id, { id: r.id, name: r.display_name, role: r.role, active: r.active === 1, assignable: r.role === 'manager' && r.active === 1 }]),
  );
}

/** The staff members `ids` names, each of whom must be an active account manager; in the order given. */
export async function requireAssignable(db: ReadDb, ids: readonly string[]): Promise<StaffName[]> {
  const staff = await staffNames(db, ids);
  return ids.map((id) => {
    const s = staff.get(id);
    if (!s) throw new AppError('NOT_FOUND', '找不到所选的客户经理，请刷新后重试。', `no staff member ${id}`);
    if (!s.assignable) {
      throw new AppError('NOT_ASSIGNABLE', `“${s.name}”不是在岗的客户经理，不能分配贷款给他。`, `staff ${id} is not an active manager (role ${s.role}, active ${s.active})`);
    }
    return s;
  });
}
