import { sql, type Kysely } from 'kysely';
import { log } from '../log';
import { openDatabase } from './connection';
import { readTransaction, type ReadDb } from './read-db';
import type { Database } from './schema';

/** A read to run beside others: it gets a read-only handle inside a transaction. */
export type ReadTask<T> = (db: ReadDb) => Promise<T>;

/**
 * Extra connections to the same file for reads that split into independent statements (a
 * month's indicators are seven, seconds each on a county's book). node-sqlite3 runs each
 * connection's statements on its own thread, so they use every core; one connection runs them
 * one after another. Opened on first use, closed with the app.
 */
class ReadPool {
  private connections: Promise<Kysely<Database>[]> | null = null;

  constructor(
    private readonly dbPath: string,
    private readonly size: number,
  ) {}

  open(): Promise<Kysely<Database>[]> {
    this.connections ??= Promise.all(Array.from({ length: this.size }, () => openDatabase(this.dbPath)));
    return this.connections;
  }

  async close(): Promise<void> {
    const open = this.connections;
    this.connections = null;
    if (open) await Promise.all((await open).map((c) => c.destroy()));
  }
}

const pools = new WeakMap<object, ReadPool>();

/** Gives `db` (the app's connection to `dbPath`) `size` helper connections for parallelReads. */
export function attachReadPool(db: ReadDb, dbPath: string, size = 2): void {
  if (dbPath !== ':memory:') pools.set(db, new ReadPool(dbPath, size));
}

export async function closeReadPool(db: ReadDb): Promise<void> {
  await pools.get(db)?.close();
  pools.delete(db);
}

/** Every write goes through the change log, so two transactions that see the same newest seq see the same database. */
async function stateOf(db: ReadDb): Promise<number> {
  const { rows } = await sql<{ seq: number | null }>`select max(seq) as seq from change_log`.execute(db);
  return rows[0]?.seq ?? 0;
}

/**
 * Runs `tasks` and returns their results in order, all read from the state `trx` (a read
 * transaction on `db`) sees. With a pool, `trx` and each helper connection take tasks from one
 * queue, the helpers inside read transactions of their own; a helper that starts on a different
 * state (a write committed in between) takes no task, and what it would have run runs in `trx`.
 * Without a pool (tests on a bare connection, ':memory:') the tasks run one after another in `trx`.
 */
export async function parallelReads<T extends readonly unknown[]>(db: ReadDb, trx: ReadDb, tasks: { [K in keyof T]: ReadTask<T[K]> }): Promise<T> {
  const results: unknown[] = new Array(tasks.length);
  let next = 0;
  const drain = async (handle: ReadDb) => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i](handle);
    }
  };
  const pool = pools.get(db);
  if (!pool || tasks.length < 2) {
    await drain(trx);
    return results as unknown as T;
  }
  const state = await stateOf(trx);
  const helpers = await pool.open();
  const helping = helpers.map((c) =>
    readTransaction(c, async (own) => {
      if ((await stateOf(own)) !== state) {
        log.info('parallel reads: a helper connection saw a newer state; its share runs on the caller');
        return;
      }
      await drain(own);
    }),
  );
  await Promise.all([drain(trx), ...helping]);
  return results as unknown as T;
}
