import type { WriteContext } from '../changelog/write-context';
import type { Db } from '../db/connection';

export type SettingKey = 'branch_code' | 'branch_name';

export async function readSettings(db: Db): Promise<Partial<Record<SettingKey, string>>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** Settings are keyed rows, not synced entities; they are still change-logged with the key as row id. */
export async function writeSetting(w: WriteContext, key: SettingKey, value: string): Promise<void> {
  const before = await w.trx.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst();
  await w.trx
    .insertInto('settings')
    .values({ key, value, updated_at: w.now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: w.now }))
    .execute();
  await w.logRaw({ action: before ? 'update' : 'insert', table: 'settings', rowId: key, before: before ?? null, after: { key, value, updated_at: w.now } });
}
