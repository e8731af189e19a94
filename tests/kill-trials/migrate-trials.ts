import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../electron/backend/db/connection';
import { migrations } from '../../migrations';
import { migrateThrough } from '../helpers/migrate-to';
import { BackupJudge } from './backup-problems';
import { runCliToEnd, type CliRun } from './cli-process';
import { appliedMigrations, fingerprintDifferences, fingerprintOf, omitNothing, schemaOf, soundnessProblems, varyingColumns, type Fingerprint, type Omit } from './db-state';
import { bytesOf, copyDatabase, filesIn, sha256OfFile, type FileSeen } from './files';
import { makeOldSchemaDatabase, OLD_SCHEMA } from './old-schema-database';
import { foldWal, withSqliteFile, type SqliteFile } from './sqlite-file';
import type { ReferenceRun, TrialKind, Verdict } from './trial-kind';

const DB = 'ledger.sqlite';

/** Something is in backups/ beside the database: the before-migration backup has begun (the first write). */
const backingUp = (db: string) => () => {
  const dir = path.join(path.dirname(db), 'backups');
  return existsSync(dir) && readdirSync(dir).length > 0;
};

/** A schema a run may stop at: the old one, the end, or between two steps that commit apart. */
interface Stop {
  label: string;
  migrations: string;
  schema: string;
  content: Fingerprint;
}

interface MigrateProbe {
  files: FileSeen[];
  walBytes: number;
}

/**
 * Kills `migrate` of a database an older app left (at OLD_SCHEMA, with data): 0010 rebuilds
 * tables with foreign keys off after a before-migration backup. Afterwards the database is at
 * the old schema exactly as it was, or at a schema a run left alone reaches (all of it, or a step
 * that commits apart) with the old data kept; every backup under backups/ is whole and holds
 * the old database (only the `.unfinished` temporary file may stay beside them).
 */
export function migrateTrials(loans: number): TrialKind<MigrateProbe> {
  let old = '';
  let oldContent: Fingerprint = {};
  let oldSha = '';
  let backups = new BackupJudge({});
  let oldKept: Fingerprint = {};
  let keptOf: (db: SqliteFile) => Promise<Fingerprint> = async () => ({});
  const stops = new Map<string, Stop>();
  let rerunVaries: Omit = omitNothing;
  let last = '';
  return {
    name: 'migrate',
    writingSign: 'backups/ gets its first file',
    workload: `a database at ${OLD_SCHEMA} holding ${loans.toLocaleString('en')} loans and their change log, to the latest schema`,

    async prepare(dir) {
      old = path.join(dir, 'old.sqlite');
      await makeOldSchemaDatabase(old, loans);
      oldSha = await sha256OfFile(old);
      await withSqliteFile(old, 'read', async (db) => {
        oldContent = await fingerprintOf(db);
        backups = new BackupJudge(oldContent);
        const stop = { label: 'old schema', migrations: (await appliedMigrations(db)).join(), schema: await schemaOf(db), content: oldContent };
        stops.set(stop.migrations, stop);
        keptOf = await keptData(db);
        oldKept = await keptOf(db);
      });

      // Two runs left alone: the state a complete migration leaves, the columns it fills differently each time
      // (this file's new identity, stamps, random ids: left out of the comparison), and that it is the same otherwise.
      const complete = [1, 2].map((n) => path.join(dir, `complete-${n}`, DB));
      const runs: ReferenceRun[] = [];
      for (const file of complete) {
        mkdirSync(path.dirname(file));
        copyDatabase(old, file);
        runs.push(await runCliToEnd(['migrate', '--db', file, '--json'], backingUp(file)));
        const made = filesIn(path.join(path.dirname(file), 'backups'));
        if (made.length !== 1) throw new Error(`a migration left alone made ${made.length} files under backups/, not one backup`);
        const wrong = await backups.problems(path.join(path.dirname(file), 'backups', made[0].name));
        if (wrong.length > 0) throw new Error(`a migration left alone made a false backup: ${wrong.join('; ')}`);
      }
      const varying = await withSqliteFile(complete[0], 'read', (a) => withSqliteFile(complete[1], 'read', (b) => varyingColumns(a, b)));
      rerunVaries = varying.omit;
      const [first, second] = [await addStop(complete[0], 'migrated'), await addStop(complete[1], 'migrated')];
      const differs = fingerprintDifferences(first.content, second.content);
      if (differs.length > 0) throw new Error(`two complete migrations of the same database differ in ${differs.join(', ')}: the comparison cannot judge a trial`);
      last = Object.keys(migrations).at(-1)!;

      // Steps that commit apart (a foreign-keys-off step runs alone): a kill may leave the database between them.
      const pending = Object.keys(migrations).slice(Object.keys(migrations).indexOf(OLD_SCHEMA) + 1);
      const ends = pending.filter((name, i) => i === pending.length - 1 || migrations[name].foreignKeys === 'off' || migrations[pending[i + 1]].foreignKeys === 'off');
      for (const name of ends.slice(0, -1)) {
        const file = path.join(dir, `through-${name}`, DB);
        mkdirSync(path.dirname(file));
        copyDatabase(old, file);
        const db = await openDatabase(file);
        await migrateThrough(db, file, name).finally(() => db.destroy());
        await addStop(file, `migrated through ${name}`);
      }
      const stopsNamed = [...stops.values()].map((s) => s.label).join(', ');
      return { runs, notes: [`states a run may leave: ${stopsNamed}`, `left out of the comparison with a complete run (filled differently by each run): ${varying.names.join(', ')}`] };

      async function addStop(file: string, label: string): Promise<Stop> {
        return withSqliteFile(file, 'read', async (db) => {
          const lost = fingerprintDifferences(await keptOf(db), oldKept);
          if (lost.length > 0) throw new Error(`${label}: the old data is not kept (${lost.join(', ')})`);
          const stop = { label, migrations: (await appliedMigrations(db)).join(), schema: await schemaOf(db), content: await fingerprintOf(db, rerunVaries) };
          if (!stops.has(stop.migrations)) stops.set(stop.migrations, stop);
          return stop;
        });
      }
    },

    async setUp(trialDir) {
      const db = path.join(trialDir, DB);
      copyDatabase(old, db);
      return {
        args: ['migrate', '--db', db, '--json'],
        probe: () => ({ files: filesIn(path.join(trialDir, 'backups')), walBytes: bytesOf(`${db}-wal`) }),
        writing: backingUp(db),
      };
    },

    async judge(trialDir, _index, run: CliRun<MigrateProbe>): Promise<Verdict> {
      const problems: string[] = [];
      const file = path.join(trialDir, DB);
      await foldWal(file);
      // The same bytes as the old database: the old schema, its data as it was (and the file as sound as it was).
      const unchanged = (await sha256OfFile(file)) === oldSha;
      const applied = unchanged ? { label: 'old schema', names: '' } : await withSqliteFile(file, 'read', async (db) => {
        problems.push(...(await soundnessProblems(db)));
        const names = (await appliedMigrations(db)).join();
        const stop = stops.get(names);
        if (!stop) {
          problems.push(`at a schema no run stops at: ${names}`);
          return { label: 'unknown schema', names };
        }
        if ((await schemaOf(db)) !== stop.schema) problems.push(`${stop.label}, but its tables are not as such a run leaves them`);
        const content = stop.label === 'old schema' ? await fingerprintOf(db) : await fingerprintOf(db, rerunVaries);
        const differs = fingerprintDifferences(content, stop.content);
        if (differs.length > 0) problems.push(`${stop.label}, but its data differs in ${differs.join(', ')}`);
        const lost = stop.label === 'old schema' ? [] : fingerprintDifferences(await keptOf(db), oldKept);
        if (lost.length > 0) problems.push(`${stop.label}, but the old data is not kept in ${lost.join(', ')}`);
        return { label: stop.label, names };
      });
      let outcome = problems.length > 0 ? `${applied.label}, damaged` : applied.label;

      let leftovers = 0;
      let whole = 0;
      for (const f of filesIn(path.join(trialDir, 'backups'))) {
        if (f.name.endsWith('.unfinished') || f.name.endsWith('.unfinished-journal')) leftovers++;
        else {
          const wrong = /\.sqlite$/.test(f.name) ? await backups.problems(path.join(trialDir, 'backups', f.name)) : ['an unexpected file'];
          if (wrong.length === 0) whole++;
          else {
            outcome = 'false backup';
            problems.push(...wrong.map((p) => `backups/${f.name}: ${p}`));
          }
        }
      }
      if (applied.label !== 'old schema' && whole === 0) problems.push('migrated without a whole before-migration backup');
      if (!run.killed && (run.exitCode !== 0 || !applied.names.endsWith(last))) problems.push(`ran to the end (exit ${run.exitCode}) but left: ${outcome}; ${run.stderr.trim()}`);
      return { outcome, phase: phaseOf(run, applied.label), problems, leftovers };
    },
  };
}

/**
 * The old data as a migration must keep it: each old table's old columns, less what 0010 rewrites
 * on purpose (change-log ids and the null actor), and less the rows it adds (the system actor,
 * its own migration records, the log of what later steps fill in).
 */
async function keptData(old: SqliteFile): Promise<(db: SqliteFile) => Promise<Fingerprint>> {
  const tables = (await old.all<{ name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")).map((r) => r.name);
  const columns = new Map<string, Set<string>>();
  for (const t of tables) columns.set(t, new Set((await old.all<{ name: string }>(`pragma table_info("${t}")`)).map((c) => c.name)));
  const rewritten: Record<string, string[]> = { change_log: ['id', 'actor_id'] };
  const omit: Omit = (t, c) => !columns.get(t)?.has(c) || (rewritten[t]?.includes(c) ?? false);
  const [{ seq }] = await old.all<{ seq: number | null }>('select max(seq) as seq from change_log');
  const where = { staff: "role <> 'system'", kysely_migration: `name <= '${OLD_SCHEMA}'`, change_log: `seq <= ${seq ?? 0}` };
  return (db) => fingerprintOf(db, omit, tables, where);
}

function phaseOf(run: CliRun<MigrateProbe>, outcome: string): string {
  if (!run.killed) return 'ran to the end';
  if (outcome !== 'old schema') return 'after a commit';
  const seen = run.probe?.files ?? [];
  if (seen.some((f) => f.name.endsWith('.unfinished-journal'))) return 'writing the backup';
  if (seen.some((f) => f.name.endsWith('.unfinished'))) return 'checking the backup';
  if (seen.length === 0) return 'before the backup';
  return (run.probe?.walBytes ?? 0) > 0 ? 'while committing' : 'migrating';
}
