import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * Head office's tests run against a real PostgreSQL server on loopback (tests/pg/start-server.sh,
 * started by tests/helpers/pg-global-setup.ts): each test file creates a database of its own and
 * drops it at the end. BL_TEST_PG names the server's maintenance database.
 */
export const TEST_PG_ADMIN_URL = process.env.BL_TEST_PG ?? 'postgres://postgres@127.0.0.1:54329/postgres';

export interface HqTestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createHqTestDatabase(): Promise<HqTestDatabase> {
  const name = `bl_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin((c) => dropWhenLeft(c, name)) };
}

/**
 * Drops the database once the test's own connections have left it. A pool's close returns while
 * its connections may still be ending; forced out then, one of them reports the server's
 * "terminating connection" as an error with nobody listening, in whatever test file runs next in
 * that worker. Forced only if some connection is still there after 10 s.
 */
async function dropWhenLeft(c: pg.Client, name: string): Promise<void> {
  for (const until = Date.now() + 10_000; Date.now() < until; ) {
    const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if (rows[0].n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await c.query(`drop database if exists ${name} with (force)`);
}
