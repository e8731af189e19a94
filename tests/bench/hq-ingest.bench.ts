import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { APP_VERSION } from '../../electron/shared/app-version';
import { openHqDb } from '../../electron/backend/hq/hq-db';
import { initHqKeys, type HqKeys } from '../../electron/backend/hq/hq-keys';
import { migrateHq } from '../../electron/backend/hq/hq-migrator';
import { ingestPackages, packageFiles } from '../../electron/backend/hq/ingest';
import { copyInto } from '../../electron/backend/hq/writes/copy-rows';
import { registerBranch } from '../../electron/backend/hq/writes/register-branch';
import { createIdentity, parsePublicIdentity, publicIdentityOf } from '../../electron/backend/sync/identity';
import { packageFileName } from '../../electron/backend/sync/package-format';
import { openPackage } from '../../electron/backend/sync/read-package';
import { buildPackage } from '../../electron/backend/sync/write-package';
import { branchTables, demoRowSource, type RowSource } from './hq-ingest-rows';
import { timeStatements } from './hq-ingest-timing';
import type { BenchRun, Figure } from './types';
import type { BenchWorkspace } from './workspace';

const BRANCHES = 100;
const DEMO_LOANS = 5000;
const ACTOR = 'bench';

/** Rows in branch `i`'s package: 2,000 to 5,000, spread over the branches. */
const rowsOf = (i: number) => 2000 + ((i * 1777) % 3001);

/** One COPY line's fields as the bare anchor loads them: branch, table, id, image. */
type BareRow = [string, string, string, string];

async function freshDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bl_bench_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/**
 * Head office's keys, 100 branches registered, and each branch's first package written into its
 * own subfolder as `sync export` writes it; also the same rows as bare COPY lines (the images as
 * the packages carry them, one JSON text each).
 */
async function preparePackages(ws: BenchWorkspace, url: string, source: RowSource): Promise<{ keys: HqKeys; hqDir: string; packagesDir: string; bare: BareRow[][]; rows: number }> {
  const hqDir = ws.file('hq-ingest-hq');
  const packagesDir = ws.file('hq-ingest-packages');
  const { keys } = await initHqKeys(hqDir, 'HQ01', '市联社');
  const conn = openHqDb(url);
  const bare: BareRow[][] = [];
  let rows = 0;
  try {
    await migrateHq(conn.db);
    for (let i = 1; i <= BRANCHES; i++) {
      const code = String(140_100 + i);
      const secret = await createIdentity('branch', code, `第${i}支行`);
      const pub = await publicIdentityOf(secret);
      await registerBranch(conn.db, ACTOR, JSON.stringify(pub));
      const tables = branchTables(source, i, rowsOf(i));
      const built = await buildPackage(secret, parsePublicIdentity(JSON.stringify(pub), 'branch'), keys.public, {
        seq: 1,
        previousHash: null,
        ack: 0,
        schemaVersion: source.schemaVersion,
        appVersion: APP_VERSION,
        tables,
      });
      const folder = path.join(packagesDir, code);
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, packageFileName(code, keys.secret.code, 1)), built.bytes);
      bare.push(tables.flatMap(({ table, rows: images }) => images.map((r): BareRow => [code, table, String(r.id), JSON.stringify(r)])));
      rows += tables.reduce((n, t) => n + t.rows.length, 0);
    }
  } finally {
    await conn.close();
  }
  return { keys, hqDir, packagesDir, bare, rows };
}

/** The anchor: the same rows COPYed into a plain table of branch_rows' shape (no key, no checks, no merge), one COPY per package, one transaction. */
async function bareCopy(url: string, bare: readonly BareRow[][]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop table if exists bare_rows');
    await client.query('create table bare_rows (branch_code text not null, table_name text not null, row_id text not null, data jsonb not null, package_seq integer not null)');
    await client.query('checkpoint');
    const start = performance.now();
    await client.query('begin');
    for (const rows of bare) {
      await copyInto(client as pg.PoolClient, 'bare_rows', ['branch_code', 'table_name', 'row_id', 'data', 'package_seq'], rows.map((r) => [...r, '1']));
    }
    await client.query('commit');
    return (performance.now() - start) / 1000;
  } finally {
    await client.end();
  }
}

/**
 * Ingesting 100 branches' first packages (2,000–5,000 rows each, ~350k rows: the demo's real row
 * images, made each branch's own) into head office's PostgreSQL through `ingestPackages`, beside
 * a bare COPY of the same rows in the same run (timed before and after the ingest; their mean is
 * the anchor). The ingest's time is split by statement (COPY incl. turning rows into COPY text,
 * merge, commit, other; summed over its connections, and overlapping the opening of the next
 * packages, so they add up to more than the wall time) and the packages are opened once more on
 * their own (zip, signature, hashes, decrypt, parse) to show what that costs.
 */
export const run: BenchRun = async (ws) => {
  const adminUrl = execFileSync('bash', [path.resolve('tests/pg/start-server.sh')], { encoding: 'utf8' }).trim();
  const source = await demoRowSource(ws, DEMO_LOANS);
  const database = await freshDatabase(adminUrl);
  try {
    const { keys, hqDir, packagesDir, bare, rows } = await preparePackages(ws, database.url, source);
    const files = await packageFiles(packagesDir);

    const bareBefore = await bareCopy(database.url, bare);

    const conn = openHqDb(database.url);
    let ingestSeconds: number;
    let times: ReturnType<typeof timeStatements>;
    try {
      await conn.pool.query('checkpoint');
      times = timeStatements(conn.pool);
      const start = performance.now();
      const result = await ingestPackages(conn, keys, hqDir, files, ACTOR);
      ingestSeconds = (performance.now() - start) / 1000;
      if (result.applied !== BRANCHES || result.refused.length > 0) throw new Error(`ingest: ${JSON.stringify(result)}`);
      const { rows: counted } = await conn.pool.query<{ n: number }>('select count(*)::integer as n from branch_rows');
      if (counted[0].n !== rows) throw new Error(`branch_rows holds ${counted[0].n} rows, the packages ${rows}`);
    } finally {
      await conn.close();
    }

    const bareAfter = await bareCopy(database.url, bare);

    const openSeconds = await openAll(database.url, keys, files);

    const bareSeconds = (bareBefore + bareAfter) / 2;
    const ingestRate = rows / ingestSeconds;
    const bareRate = rows / bareSeconds;
    const figures: Figure[] = [
      { name: 'hq-ingest: rows in 100 branch packages', value: rows, unit: 'rows' },
      { name: 'hq-ingest: ingest of 100 packages', value: ingestSeconds, unit: 's' },
      { name: 'hq-ingest: ingest rate', value: Math.round(ingestRate), unit: 'rows/s' },
      { name: 'hq-ingest: bare COPY of the same rows, before the ingest', value: bareBefore, unit: 's' },
      { name: 'hq-ingest: bare COPY of the same rows, after the ingest', value: bareAfter, unit: 's' },
      { name: 'hq-ingest: bare COPY rate (mean of the two)', value: Math.round(bareRate), unit: 'rows/s' },
      { name: 'hq-ingest: ingest rate / bare COPY rate (target ≥ 0.5)', value: ingestRate / bareRate, unit: '×' },
      { name: 'hq-ingest: statements, summed over connections: COPY into stage_rows (rows to COPY text + server)', value: times.copy / 1000, unit: 's' },
      { name: 'hq-ingest: statements, summed: merge into branch_rows (insert … on conflict, tombstones)', value: times.merge / 1000, unit: 's' },
      { name: 'hq-ingest: statements, summed: commits', value: times.commit / 1000, unit: 's' },
      { name: 'hq-ingest: statements, summed: others (temp table, inbox, log, seq checks)', value: times.other / 1000, unit: 's' },
      { name: 'hq-ingest: the 100 packages opened again on their own (zip, signature, hashes, decrypt, parse)', value: openSeconds, unit: 's' },
    ];
    return figures;
  } finally {
    await database.drop();
  }
};

/** Every package opened as the ingest opens it, with the registered branches as the pinned senders. */
async function openAll(url: string, keys: HqKeys, files: readonly string[]): Promise<number> {
  const conn = openHqDb(url);
  try {
    const branches = await conn.db.selectFrom('hq_branches').select(['public_identity', 'fingerprint']).execute();
    const byFingerprint = new Map(branches.map((b) => [b.fingerprint, { identity: parsePublicIdentity(b.public_identity, 'branch').identity, revoked: false }]));
    const reader = { me: keys.secret, myFingerprint: keys.fingerprint, peer: (f: string) => byFingerprint.get(f) ?? null };
    const start = performance.now();
    for (const file of files) await openPackage(await readFile(file), reader);
    return (performance.now() - start) / 1000;
  } finally {
    await conn.close();
  }
}
