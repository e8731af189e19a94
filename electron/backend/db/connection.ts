import { Kysely, sql } from 'kysely';
import { WRITE_WAIT_SECONDS } from '../../shared/api/calls';
import { Sqlite3Dialect } from './sqlite3-dialect';
import type { Database } from './schema';
import { log } from '../log';
import { SqliteError } from './sqlite-error';
import { withLockWaitHooks } from './write-lock-wait';
import type { ReadDb } from './read-db';

export type Db = Kysely<Database>;

/** How long a write waits for another connection's write lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = WRITE_WAIT_SECONDS * 1000;

export interface OpenOptions {
  /** BUSY_TIMEOUT_MS unless given (tests that sit out a lock held for longer). */
  busyTimeoutMs?: number;
  /** The app's connection: calls that only read get a second one (reads-beside-writes.ts). */
  readerConnection?: boolean;
}

/** Opens (creating if needed) a database file with the pragmas every connection needs. */
export async function openDatabase(filename: string, opts: OpenOptions = {}): Promise<Db> {
  const db = new Kysely<Database>({
    dialect: new Sqlite3Dialect({
      filename,
      backgroundCheckpoints: filename !== ':memory:',
      // Another program (the CLI importing) may hold the write lock for a while: wait for it.
      busyTimeoutMs: opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS,
      readerConnection: opts.readerConnection === true && filename !== ':memory:',
      onOpen: async (conn) => {
        await conn.exec(
          [
            'pragma journal_mode = wal',
            'pragma synchronous = normal',
            'pragma foreign_keys = on',
            // 64 MB page cache (default 2 MB): large imports otherwise spill index pages mid-transaction.
            'pragma cache_size = -65536',
            'pragma temp_store = memory',
          ].join(';'),
        );
      },
    }),
  });
  // Kysely opens the driver lazily; open now so a bad path fails here, not on first query.
  await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
  return db;
}

/**
 * Refreshes the query planner's statistics where they are stale (SQLite's `pragma optimize`).
 * Without them the planner walks every loan to count one village's; run after large writes.
 */
export async function refreshPlannerStats(db: ReadDb): Promise<void> {
  await sql`pragma optimize = 0x10002`.execute(db);
}

/**
 * refreshPlannerStats at open, only if the write lock is free: the refresh writes (sqlite_stat1).
 * While another program writes (the CLI importing a county's file), the statistics are left to
 * the refresh that program makes after its import, rather than keeping this one from opening
 * (even for a report) until it is done.
 */
export async function refreshPlannerStatsIfFree(db: Db): Promise<void> {
  try {
    await withLockWaitHooks({ waitMs: 0 }, () => db.transaction().execute((trx) => refreshPlannerStats(trx)));
  } catch (err) {
    if (!(err instanceof SqliteError && err.code === 'SQLITE_BUSY')) throw err;
    log.info('planner statistics not refreshed at open: another program holds the write lock');
  }
}
