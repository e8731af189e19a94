import { assertReachable, openHqDb, type HqConnection } from './hq-db';
import { migrateHq } from './hq-migrator';

/** Opens head office's database, brings its schema up to date, runs `fn`, and closes it whatever happens. */
export async function withHq<T>(url: string, fn: (conn: HqConnection) => Promise<T>): Promise<T> {
  const conn = openHqDb(url);
  try {
    await assertReachable(conn, url);
    await migrateHq(conn.db);
    return await fn(conn);
  } finally {
    await conn.close();
  }
}
