import { sql } from 'kysely';
import type { Db } from '../../electron/backend/db/connection';

/**
 * Ids of the rows of `table` that the change log records as inserted, by one actor: single
 * `insert` entries and the rows of bulk `insert_rows` entries (`{"ids": [...]}`).
 */
export async function loggedInsertIds(db: Db, table: string, actorName: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select row_id as id from change_log where action = 'insert' and table_name = ${table} and actor_name = ${actorName}
    union all
    select r.value as id from change_log as c, json_each(c.after_json, '$.ids') as r
    where c.action = 'insert_rows' and c.table_name = ${table} and c.actor_name = ${actorName}`.execute(db);
  return rows.map((r) => r.id);
}
