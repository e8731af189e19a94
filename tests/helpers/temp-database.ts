import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type Db } from '../../electron/backend/db/connection';
import { makeTempDir } from './temp-dir';

/** A fresh, unmigrated database file per test, closed and removed afterwards. */
export function useTempDatabase(): { readonly db: Db; readonly path: string } {
  let tmp: ReturnType<typeof makeTempDir>;
  let db: Db;
  let dbPath: string;
  beforeEach(async () => {
    tmp = makeTempDir();
    dbPath = tmp.file('m.sqlite');
    db = await openDatabase(dbPath);
  });
  afterEach(async () => {
    await db.destroy();
    tmp.cleanup();
  });
  return {
    get db() {
      return db;
    },
    get path() {
      return dbPath;
    },
  };
}
