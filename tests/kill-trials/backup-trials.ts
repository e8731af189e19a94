import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { runCliToEnd, type CliRun } from './cli-process';
import { fingerprintDifferences, fingerprintOf, soundnessProblems, type Fingerprint } from './db-state';
import { copyDatabase, filesIn, sha256OfFile, type FileSeen } from './files';
import { BackupJudge } from './backup-problems';
import { foldWal, withSqliteFile } from './sqlite-file';
import type { ReferenceRun, TrialKind, Verdict } from './trial-kind';

const SOURCE = 'ledger.sqlite';
const TARGET = 'copy.sqlite';

/** The backup's temporary file (`<target>.<random>.unfinished`) is there: the copy has begun. */
const copying = (target: string) => () => readdirSync(path.dirname(target)).some((n) => n.startsWith(`${path.basename(target)}.`) && n.includes('.unfinished'));

/**
 * Kills `backup`, half the trials into a new file, half replacing an older backup (`--force`).
 * Afterwards no file under the target's name, or the older backup as it was, or a whole backup
 * (integrity, every page) equal in content to the source; the source unharmed; nothing else
 * that looks like a backup (only the `.unfinished` temporary file is allowed).
 */
export function backupTrials(loans: number): TrialKind<FileSeen[]> {
  let source = '';
  let olderBackup = '';
  let olderSha = '';
  let content: Fingerprint = {};
  let sourceSha = '';
  let backups = new BackupJudge({});
  const replacing = (index: number) => index % 2 === 1;
  return {
    name: 'backup',
    writingSign: 'the temporary file appears',
    workload: `a demo branch of ${loans.toLocaleString('en')} loans; every other trial replaces an older backup (--force)`,

    async prepare(dir) {
      source = path.join(dir, SOURCE);
      await runCliToEnd(['demo-data', '--db', source, '--loans', String(loans), '--seed', '1', '--json']);
      olderBackup = path.join(dir, 'older-copy.sqlite');
      const smaller = path.join(dir, 'older.sqlite');
      await runCliToEnd(['demo-data', '--db', smaller, '--loans', String(Math.max(100, Math.round(loans / 20))), '--seed', '2', '--json']);
      await runCliToEnd(['backup', '--db', smaller, '--out', olderBackup]);
      olderSha = await sha256OfFile(olderBackup);
      content = await withSqliteFile(source, 'read', (db) => fingerprintOf(db));
      sourceSha = await sha256OfFile(source);
      backups = new BackupJudge(content);
      const runs: ReferenceRun[] = [];
      for (const n of [1, 2]) {
        const copy = path.join(dir, `reference-copy-${n}.sqlite`);
        runs.push(await runCliToEnd(['backup', '--db', source, '--out', copy, '--json'], copying(copy)));
        const wrong = await backups.problems(copy);
        if (wrong.length > 0) throw new Error(`a backup left alone is not a whole copy of its source: ${wrong.join('; ')}`);
      }
      return { runs, notes: [] };
    },

    async setUp(trialDir, index) {
      copyDatabase(source, path.join(trialDir, SOURCE));
      const args = ['backup', '--db', path.join(trialDir, SOURCE), '--out', path.join(trialDir, TARGET), '--json'];
      if (replacing(index)) {
        copyDatabase(olderBackup, path.join(trialDir, TARGET));
        args.push('--force');
      }
      return { args, probe: () => filesIn(trialDir), writing: copying(path.join(trialDir, TARGET)) };
    },

    async judge(trialDir, index, run: CliRun<FileSeen[]>): Promise<Verdict> {
      const problems: string[] = [];
      const target = path.join(trialDir, TARGET);
      let outcome: string;
      if (!existsSync(target)) {
        outcome = 'no backup';
        if (replacing(index)) problems.push('the older backup under the target name is gone');
      } else if (replacing(index) && (await sha256OfFile(target)) === olderSha) {
        outcome = 'older backup kept';
      } else {
        outcome = 'complete backup';
        const found = await backups.problems(target);
        if (found.length > 0) {
          outcome = 'false backup';
          problems.push(...found.map((p) => `${TARGET}: ${p}`));
        }
      }
      // Anything else that looks like a backup must be one; the temporary file (named so that it does not) may stay.
      let leftovers = 0;
      for (const f of filesIn(trialDir)) {
        if (f.name.endsWith('.unfinished') || f.name.endsWith('.unfinished-journal')) leftovers++;
        else if (![SOURCE, TARGET].includes(f.name) && !f.name.startsWith(`${SOURCE}-`)) {
          const found = /\.(sqlite3?|db)$/i.test(f.name) ? await backups.problems(path.join(trialDir, f.name)) : ['an unexpected file'];
          problems.push(...found.map((p) => `${f.name}: ${p}`));
        }
      }
      // The source unharmed: the same bytes, once a killed reader's WAL is folded in, or else a full look.
      const sourceFile = path.join(trialDir, SOURCE);
      await foldWal(sourceFile);
      if ((await sha256OfFile(sourceFile)) !== sourceSha) {
        const sourceProblems = await withSqliteFile(sourceFile, 'read', async (db) => [
          ...(await soundnessProblems(db)),
          ...fingerprintDifferences(await fingerprintOf(db), content).map((t) => `differs in ${t}`),
        ]);
        problems.push(...sourceProblems.map((p) => `source: ${p}`));
      }
      if (!run.killed && (run.exitCode !== 0 || outcome !== 'complete backup')) problems.push(`ran to the end (exit ${run.exitCode}) but left: ${outcome}; ${run.stderr.trim()}`);
      return { outcome, phase: phaseOf(run, outcome), problems, leftovers };
    },
  };
}

function phaseOf(run: CliRun<FileSeen[]>, outcome: string): string {
  if (!run.killed) return 'ran to the end';
  const seen = run.probe ?? [];
  if (outcome === 'complete backup' && !seen.some((f) => f.name.endsWith('.unfinished'))) return 'after the rename';
  if (seen.some((f) => f.name.endsWith('.unfinished-journal'))) return 'writing the copy';
  if (seen.some((f) => f.name.endsWith('.unfinished'))) return 'checking the copy';
  return 'before the copy';
}
