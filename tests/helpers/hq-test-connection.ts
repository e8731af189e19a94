import { afterAll, beforeAll } from 'vitest';
import { openHqDb, type HqConnection } from '../../electron/backend/hq/hq-db';
import { createHqTestDatabase, type HqTestDatabase } from './hq-database';

/**
 * For a Vitest file: a head-office database of its own on the test server and a connection to it,
 * from before the file's tests (this hook first) until after them. Read `conn` and `url` inside them.
 */
export function useHqTestDatabase(): { readonly conn: HqConnection; readonly url: string } {
  let pgdb: HqTestDatabase | undefined;
  let conn: HqConnection | undefined;
  beforeAll(async () => {
    pgdb = await createHqTestDatabase();
    conn = openHqDb(pgdb.url);
  });
  afterAll(async () => {
    await conn?.close();
    await pgdb?.drop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useHqTestDatabase: read inside a test, after beforeAll');
    return value;
  };
  return {
    get conn() {
      return ready(conn);
    },
    get url() {
      return ready(pgdb).url;
    },
  };
}
