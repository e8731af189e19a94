import type { HqDb } from './hq-db';
import type { HqUserState } from './writes/hq-user-access';

/** Every console login, by username, with whether it is stopped. */
export async function listHqUsers(db: HqDb): Promise<HqUserState[]> {
  const rows = await db.selectFrom('hq_users').select(['username', 'name', 'disabled_at']).orderBy('username').execute();
  return rows.map((r) => ({ username: r.username, name: r.name, disabled: r.disabled_at !== null }));
}
