import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { coreExportXlsx } from '../bench/core-export-file';
import { runCliToEnd, type CliRun } from './cli-process';
import { fingerprintDifferences, fingerprintOf, omitNothing, soundnessProblems, varyingColumns, type Fingerprint, type Omit } from './db-state';
import { bytesOf, copyDatabase, sha256OfFile } from './files';
import { foldWal, withSqliteFile } from './sqlite-file';
import type { ReferenceRun, TrialKind, Verdict } from './trial-kind';

const importArgs = (file: string, db: string) => ['import', file, '--db', db, '--confirm-settle', '--json'];

/** Within its 64 MB page cache the import's pages reach the WAL only as it commits. */
const walHasPages = (db: string) => () => bytesOf(`${db}-wal`) > 0;

interface ImportProbe {
  walBytes: number;
}

/**
 * Kills `import` of next month's full export into a register holding this month's. Afterwards
 * the register must be exactly as before (the same bytes, or else every table, every column) or
 * exactly as a complete import leaves it (as two runs left alone agree, stamps and new random ids
 * aside): never between.
 */
export function importTrials(loans: number): TrialKind<ImportProbe> {
  let base = '';
  let nextMonth = '';
  let before: Fingerprint = {};
  let baseSha = '';
  let complete: Fingerprint = {};
  let rerunVaries: Omit = omitNothing;
  return {
    name: 'import',
    writingSign: 'the WAL has pages (the commit)',
    workload: `next month's export of ${loans.toLocaleString('en')} loans (.xlsx) into a register holding the month before`,

    async prepare(dir) {
      const thisMonth = path.join(dir, 'october.xlsx');
      writeFileSync(thisMonth, coreExportXlsx(loans));
      nextMonth = path.join(dir, 'november.xlsx');
      writeFileSync(nextMonth, coreExportXlsx(loans, true));
      base = path.join(dir, 'register.sqlite');
      await runCliToEnd(importArgs(thisMonth, base));
      before = await withSqliteFile(base, 'read', (db) => fingerprintOf(db));
      baseSha = await sha256OfFile(base);

      // Two runs left alone: the state a complete import leaves, the columns it fills differently each time (stamps,
      // new random ids: left out of the comparison), and a check that it leaves the same state otherwise.
      const references = [path.join(dir, 'complete-1.sqlite'), path.join(dir, 'complete-2.sqlite')];
      const runs: ReferenceRun[] = [];
      let varying: string[] = [];
      for (const db of references) {
        copyDatabase(base, db);
        runs.push(await runCliToEnd(importArgs(nextMonth, db), walHasPages(db)));
      }
      const fingerprints = await withSqliteFile(references[0], 'read', (a) =>
        withSqliteFile(references[1], 'read', async (b) => {
          ({ omit: rerunVaries, names: varying } = await varyingColumns(a, b));
          return [await fingerprintOf(a, rerunVaries), await fingerprintOf(b, rerunVaries)];
        }),
      );
      const disagree = fingerprintDifferences(fingerprints[0], fingerprints[1]);
      if (disagree.length > 0) throw new Error(`two complete imports of the same file differ in ${disagree.join(', ')}: the comparison cannot judge a trial`);
      complete = fingerprints[0];
      const beforeAsCompared = await withSqliteFile(base, 'read', (c) => fingerprintOf(c, rerunVaries));
      if (fingerprintDifferences(beforeAsCompared, complete).length === 0) throw new Error('the import changed nothing: a trial could not tell before from after');
      return { runs, notes: [`left out of the comparison with a complete import (filled differently by each run): ${varying.join(', ')}`] };
    },

    async setUp(trialDir) {
      const db = path.join(trialDir, 'register.sqlite');
      copyDatabase(base, db);
      return { args: importArgs(nextMonth, db), probe: () => ({ walBytes: bytesOf(`${db}-wal`) }), writing: walHasPages(db) };
    },

    async judge(trialDir, _index, run: CliRun<ImportProbe>): Promise<Verdict> {
      const db = path.join(trialDir, 'register.sqlite');
      await foldWal(db);
      const problems: string[] = [];
      // The same bytes as before: nothing of the import is left (and the file is the sound one it was).
      let outcome =
        (await sha256OfFile(db)) === baseSha
          ? 'unchanged'
          : await withSqliteFile(db, 'read', async (conn) => {
              problems.push(...(await soundnessProblems(conn)));
              const asComplete = fingerprintDifferences(await fingerprintOf(conn, rerunVaries), complete);
              if (asComplete.length === 0) return 'complete';
              const asBefore = fingerprintDifferences(await fingerprintOf(conn), before);
              if (asBefore.length === 0) return 'unchanged';
              problems.push(`neither as before (differs in ${asBefore.join(', ')}) nor complete (differs in ${asComplete.join(', ')})`);
              return 'half import';
            });
      if (!run.killed && (run.exitCode !== 0 || outcome !== 'complete')) {
        problems.push(`ran to the end (exit ${run.exitCode}) but left the register ${outcome}: ${run.stderr.trim()}`);
        if (outcome !== 'half import') outcome = 'failed run';
      }
      return { outcome, phase: phaseOf(run, outcome), problems, leftovers: 0 };
    },
  };
}

function phaseOf(run: CliRun<ImportProbe>, outcome: string): string {
  if (!run.killed) return 'ran to the end';
  if (outcome === 'complete') return 'after the commit';
  return (run.probe?.walBytes ?? 0) > 0 ? 'while committing' : 'before the commit';
}
