import type { WriteContext } from '../changelog/write-context';
import type { ReadDb } from '../db/read-db';

export type SettingKey =
  | 'branch_code'
  | 'branch_name'
  | 'max_loan_yuan'
  | 'bank_name'
  | 'branch_address'
  | 'branch_phone'
  | 'archive_deadline_days'
  | 'archive_cutover_date'
  | 'spot_check_percent';

export async function readSettings(db: ReadDb): Promise<Partial<Record<SettingKey, string>>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** Settings are keyed rows, change-logged with the key as row id. */
export async function writeSetting(w: WriteContext, key: SettingKey, value: string): Promise<void> {
  await w.setSetting(key, value);
}
