import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type pg from 'pg';
import { pg as loadPg } from '../lazy-packages';
import { AppError } from '../rpc/app-error';
import type { HqDatabase } from './hq-schema';

export type HqDb = Kysely<HqDatabase>;

const INT8 = 20;

/** int8 (bigint, count(*), sums) as a number: ours stay far below 2^53, and one that does not is an error, not a rounding. */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${text} is beyond a safe JavaScript integer`);
  return n;
}

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? parseInt8 : loadPg().types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

export interface HqConnection {
  db: HqDb;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Opens head office's database at a `postgres://` URL (the pool is this connection's own: its parsers touch no other). */
export function openHqDb(url: string, max = 4): HqConnection {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new AppError('BAD_INPUT', `--pg 应为 postgres:// 开头的数据库地址：${url}`, `bad PostgreSQL URL ${url}`);
  const pool = new (loadPg().Pool)({ connectionString: url, max, types });
  const db = new Kysely<HqDatabase>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}

/**
 * A Kysely over one client already checked out of the pool: its queries and a COPY on the raw
 * client run on the same connection, so one transaction holds both.
 */
export function onClient(client: pg.PoolClient): HqDb {
  const pool: PostgresPool = {
    connect: async () => ({ query: client.query.bind(client) as pg.PoolClient['query'], release: () => {} }),
    end: async () => {},
  };
  return new Kysely<HqDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/** Turns "cannot connect" into words for head-office staff. */
export async function assertReachable(conn: HqConnection, url: string): Promise<void> {
  try {
    await conn.pool.query('select 1');
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new AppError('HQ_DB_UNREACHABLE', `无法连接总行数据库（${url.replace(/:[^:@/]*@/, ':***@')}）：${detail}`, `cannot reach ${url}: ${detail}`);
  }
}
