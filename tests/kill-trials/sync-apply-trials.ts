import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closeAppContext, createAppContext } from '../../electron/backend/app-context';
import { runCli } from '../../electron/backend/cli/run-cli';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import { QUARANTINE_DIR } from '../../electron/backend/sync/apply-package';
import { createIdentity, parsePublicIdentity, publicIdentityOf } from '../../electron/backend/sync/identity';
import { buildPackage } from '../../electron/backend/sync/write-package';
import { migrations } from '../../migrations';
import { runCliToEnd, type CliRun } from './cli-process';
import { fingerprintDifferences, fingerprintOf, omitNothing, soundnessProblems, varyingColumns, type Fingerprint, type Omit } from './db-state';
import { bytesOf, copyDatabase, sha256OfFile } from './files';
import { foldWal, withSqliteFile, type SqliteFile } from './sqlite-file';
import type { ReferenceRun, TrialKind, Verdict } from './trial-kind';

const applyArgs = (pkg: string, db: string) => ['sync', 'apply', pkg, '--db', db, '--json'];

/** The first pages written: the apply's one transaction commits some time after. */
const walHasPages = (db: string) => () => bytesOf(`${db}-wal`) > 0;

interface ApplyProbe {
  walBytes: number;
}

/** Ids of the package's rows: a prefix no other row has, so that a trial counts how many landed. */
const rowId = (table: number, n: number) => `0d00000${table}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const PACKAGE_IDS = "id like '0d00000_-0000-4000-8000-%'";
const PACKAGE_TABLES = ['archive_doc_types', 'archive_doc_rules', 'calendar_days'] as const;

/**
 * Head office's reference data, `rows` in all: a catalogue of document types with a rule each
 * (the rules refer to the types, so the order of the tables matters), holidays and working days,
 * and the default catalogue's types renamed (updates of rows the branch already holds).
 */
function referenceData(rows: number): Array<{ table: string; rows: Array<Record<string, unknown>> }> {
  const types = Math.floor(rows / 4);
  const days = rows - 2 * types;
  const day = (i: number) => new Date(Date.UTC(2030, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const at = Date.UTC(2026, 10, 30);
  return [
    {
      table: 'archive_doc_types',
      rows: [
        ...Array.from({ length: 15 }, (_, i) => ({ id: `0a000000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`, name: `总行目录第${i + 1}项`, sort_order: (i + 1) * 10, active: 1, created_at: at, updated_at: at })),
        ...Array.from({ length: types }, (_, i) => ({ id: rowId(1, i), name: `总行档案类型${i}`, sort_order: 1000 + i, active: 1, created_at: at, updated_at: at })),
      ],
    },
    { table: 'archive_doc_rules', rows: Array.from({ length: types }, (_, i) => ({ id: rowId(2, i), doc_type_id: rowId(1, i), product: `总行产品${i}`, guarantee_type: '', required: 1, created_at: at, updated_at: at })) },
    { table: 'calendar_days', rows: Array.from({ length: days }, (_, i) => ({ id: rowId(3, i), day: day(i), kind: i % 7 === 6 ? 'workday' : 'holiday', name: `总行日历${i}`, created_at: at, updated_at: at })) },
  ];
}

/** A branch set up and paired with a new head office, and head office's package 1 to it. */
async function pairedBranchAndPackage(dir: string, rows: number): Promise<{ db: string; pkg: string }> {
  const db = path.join(dir, 'branch.sqlite');
  const app = await createAppContext(db);
  try {
    const init = await dispatch(app, 'setup.init', { branchCode: '880110', branchName: '白文支行', admin: { username: 'admin', displayName: '管理员', password: 'admin-pass-1' } }, {});
    if (!init.ok) throw new Error(init.error.message);
  } finally {
    await closeAppContext(app);
  }
  const hq = await createIdentity('hq', 'HQ', '白文县联社');
  const hqFile = path.join(dir, 'hq.json');
  const branchFile = path.join(dir, 'branch.json');
  writeFileSync(hqFile, JSON.stringify(await publicIdentityOf(hq)));
  let said = '';
  const paired = await runCli(['sync', 'pair', '--db', db, '--hq-identity', hqFile, '--out', branchFile, '--json'], { stdout: (t) => (said += t), stderr: (t) => (said += t) });
  if (paired !== 0) throw new Error(`sync pair failed: ${said}`);
  const branch = parsePublicIdentity(readFileSync(branchFile, 'utf8'), 'branch');
  const built = await buildPackage(hq, await publicIdentityOf(hq), branch, {
    seq: 1,
    previousHash: null,
    ack: 0,
    schemaVersion: Object.keys(migrations).at(-1)!,
    appVersion: '0.1.0',
    tables: referenceData(rows),
  });
  const pkg = path.join(dir, 'HQ-880110-000001.blpkg');
  writeFileSync(pkg, built.bytes);
  await foldWal(db);
  return { db, pkg };
}

/** How much of the package is in the database: its rows, and the inbox row. */
async function landed(conn: SqliteFile): Promise<{ rows: number; inbox: string[] }> {
  let rows = 0;
  for (const table of PACKAGE_TABLES) rows += (await conn.all<{ n: number }>(`select count(*) as n from ${table} where ${PACKAGE_IDS}`))[0].n;
  const inbox = (await conn.all<{ s: string }>("select seq || ':' || status as s from sync_inbox order by seq")).map((r) => r.s);
  return { rows, inbox };
}

/**
 * Kills `sync apply` of head office's package 1 (reference data, `rows` rows) on a paired branch.
 * Afterwards the database must open sound, with nothing of the package in it and no inbox row
 * (exactly as before), or all of it and its inbox row 'applied' (as two runs left alone agree,
 * stamps and the change log's ids aside), never between; and applying it again must finish it:
 * applied after a kill before the commit, skipped after one after it.
 */
export function syncApplyTrials(rows: number): TrialKind<ApplyProbe> {
  let base = '';
  let pkg = '';
  let before: Fingerprint = {};
  let baseSha = '';
  let complete: Fingerprint = {};
  let completeRows = 0;
  let rerunVaries: Omit = omitNothing;
  return {
    name: 'sync-apply',
    writingSign: 'the WAL has pages',
    workload: `head office's package of ${rows.toLocaleString('en')} reference-data rows (document types and rules, calendar days) applied on a paired branch`,

    async prepare(dir) {
      ({ db: base, pkg } = await pairedBranchAndPackage(dir, rows));
      before = await withSqliteFile(base, 'read', (db) => fingerprintOf(db));
      baseSha = await sha256OfFile(base);

      const references = [path.join(dir, 'complete-1.sqlite'), path.join(dir, 'complete-2.sqlite')];
      const runs: ReferenceRun[] = [];
      let varying: string[] = [];
      for (const db of references) {
        copyDatabase(base, db);
        runs.push(await runCliToEnd(applyArgs(pkg, db), walHasPages(db)));
      }
      const fingerprints = await withSqliteFile(references[0], 'read', (a) =>
        withSqliteFile(references[1], 'read', async (b) => {
          ({ omit: rerunVaries, names: varying } = await varyingColumns(a, b));
          return [await fingerprintOf(a, rerunVaries), await fingerprintOf(b, rerunVaries)];
        }),
      );
      const disagree = fingerprintDifferences(fingerprints[0], fingerprints[1]);
      if (disagree.length > 0) throw new Error(`two complete applies of the same package differ in ${disagree.join(', ')}: the comparison cannot judge a trial`);
      complete = fingerprints[0];
      const { rows: all, inbox } = await withSqliteFile(references[0], 'read', landed);
      if (inbox.join() !== '1:applied') throw new Error(`a complete apply left the inbox ${inbox.join() || 'empty'}`);
      completeRows = all;
      return { runs, notes: [`left out of the comparison with a complete apply (filled differently by each run): ${varying.join(', ')}`] };
    },

    async setUp(trialDir) {
      const db = path.join(trialDir, 'branch.sqlite');
      copyDatabase(base, db);
      return { args: applyArgs(pkg, db), probe: () => ({ walBytes: bytesOf(`${db}-wal`) }), writing: walHasPages(db) };
    },

    async judge(trialDir, _index, run: CliRun<ApplyProbe>): Promise<Verdict> {
      const db = path.join(trialDir, 'branch.sqlite');
      const problems: string[] = [];
      const ends = { before, complete, completeRows, rerunVaries };
      // Opening it as the app's next start would: the WAL of a killed writer read, and folded into the file.
      await foldWal(db);
      let outcome = (await sha256OfFile(db)) === baseSha ? 'unchanged' : await withSqliteFile(db, 'read', (conn) => stateOf(conn, ends, problems));
      if (existsSync(path.join(trialDir, QUARANTINE_DIR))) problems.push('the package was refused (quarantined)');
      if (!run.killed && (run.exitCode !== 0 || outcome !== 'complete')) {
        problems.push(`ran to the end (exit ${run.exitCode}) but left the database ${outcome}: ${run.stderr.trim()}`);
        if (outcome !== 'half apply') outcome = 'failed run';
      }

      // Applying the package again finishes what the kill interrupted, or sees that it had landed.
      if (outcome === 'unchanged' || outcome === 'complete') {
        // The CLI's own code, run in this process: what it decides is the point here, not a second Node start.
        let said = '';
        const code = await runCli(applyArgs(pkg, db), { stdout: (t) => (said += t), stderr: (t) => (said += t) });
        const expected = outcome === 'unchanged' ? 'applied' : 'skipped';
        let status = '';
        try {
          status = JSON.parse(said).status;
        } catch {
          status = `no answer (exit ${code}): ${said.trim().slice(0, 200)}`;
        }
        if (status !== expected) problems.push(`applied again: ${status}, not ${expected}`);
        const after = await withSqliteFile(db, 'read', (conn) => stateOf(conn, ends, []));
        if (after !== 'complete') problems.push(`applied again, the database is ${after}, not complete`);
      }
      return { outcome, phase: phaseOf(run, outcome), problems, leftovers: 0 };
    },
  };
}

/** 'complete' or 'unchanged' (noting whether the database is sound), or 'half apply' with what is wrong. */
async function stateOf(
  conn: SqliteFile,
  ends: { before: Fingerprint; complete: Fingerprint; completeRows: number; rerunVaries: Omit },
  problems: string[],
): Promise<string> {
  problems.push(...(await soundnessProblems(conn)));
  const { rows: there, inbox } = await landed(conn);
  if (there === ends.completeRows && inbox.join() === '1:applied' && fingerprintDifferences(await fingerprintOf(conn, ends.rerunVaries), ends.complete).length === 0) return 'complete';
  if (there === 0 && inbox.length === 0 && fingerprintDifferences(await fingerprintOf(conn), ends.before).length === 0) return 'unchanged';
  problems.push(`neither as before nor complete: ${there} of ${ends.completeRows} package rows, inbox ${inbox.join() || 'empty'}`);
  return 'half apply';
}

function phaseOf(run: CliRun<ApplyProbe>, outcome: string): string {
  if (!run.killed) return 'ran to the end';
  if (outcome === 'complete') return 'after the commit';
  // Pages in the WAL before the commit (a spilled cache, the transaction's first writes) are no commit yet.
  return (run.probe?.walBytes ?? 0) > 0 ? 'with pages in the WAL, not committed' : 'before any page reached the WAL';
}
