import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppContext, createAppContext, type AppContext } from '../../../../electron/backend/app-context';
import { dispatch } from '../../../../electron/backend/rpc/dispatch';
import type { ImportPreview, ImportPreviewCounts } from '../../../../electron/shared/api/imports';
import { LARGE_SETTLE_SHARE, settleShare } from '../../../../electron/shared/large-settle';
import { generateCorpus, type CorpusFile, type CorpusGroup } from '../../../corpus/generate';
import { bundledParseWorker } from '../../../helpers/parse-worker-bundle';
import { signedInApp } from '../../../helpers/signed-in-app';
import { makeTempDir } from '../../../helpers/temp-dir';

/**
 * Every file of the damaged-and-crafted corpus (tests/corpus) through the real import: the
 * dispatcher's preview (parsed in the real worker, with its memory limit) and, when the preview
 * accepts it, the commit, on a real database holding the register the base file made. Asserted:
 * none hangs (60 s), crashes (INTERNAL or a dead process) or takes the process over 1 GB; a
 * refused file changes nothing; every damaged .xlsx is refused; a file that keeps the data whole
 * is read as the base file; no commit settles loans without the confirmation it needs.
 * BRANCH_LEDGER_CORPUS=full runs four times as many flips and cuts (about 900 files).
 *
 * The corpus is dealt round-robin into PARTS test files (corpus-part-N.test.ts), each with its
 * own register, so that Vitest's workers share it instead of one file holding one worker for
 * minutes; together they run every file.
 */
export const PARTS = 4;
const FULL = process.env.BRANCH_LEDGER_CORPUS === 'full';
const FILE_LIMIT_MS = 60_000;
const RSS_LIMIT = 1024 * 1024 * 1024;
const NEXT_MONTH = '2026-11-30';

type Call = (name: string, args: unknown) => Promise<{ ok: true; value: unknown } | { ok: false; code: string; message: string }>;

let tmp: ReturnType<typeof makeTempDir>;
let worker: Awaited<ReturnType<typeof bundledParseWorker>>;
let app: AppContext;
let token: string;
const call: Call = async (name, args) => {
  const r = await dispatch(app, name, args, { token });
  return r.ok ? { ok: true, value: r.value } : { ok: false, code: r.error.code, message: r.error.message };
};

async function open(): Promise<void> {
  ({ app, token } = await signedInApp(tmp.file('work.sqlite'), { parseWorkerUrl: worker.url }));
}

/**
 * Back to the register as the base file made it (after a commit changed it). The admin's session
 * is carried over rather than signed in again: a sign-in hashes the password (scrypt), a third of
 * a reset, and this test is about the import, not the sign-in.
 */
async function reset(): Promise<void> {
  const admin = app.sessions.resolve(token);
  if (!admin) throw new Error('the admin’s session ended');
  await closeAppContext(app);
  for (const suffix of ['', '-wal', '-shm']) rmSync(tmp.file(`work.sqlite${suffix}`), { force: true });
  copyFileSync(tmp.file('base.sqlite'), tmp.file('work.sqlite'));
  app = await createAppContext(tmp.file('work.sqlite'), { parseWorkerUrl: worker.url });
  token = app.sessions.create(admin);
}

/** Every row of every table: what "changes nothing" compares. */
async function fingerprint(): Promise<string> {
  const db = app.db as unknown as Kysely<unknown>;
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
  const hash = createHash('sha256');
  for (const { name } of tables.rows) hash.update(name).update(JSON.stringify((await sql`select * from ${sql.table(name)} order by rowid`.execute(db)).rows));
  return hash.digest('hex');
}

const preview = (file: { name: string; bytes: Buffer }) =>
  call('imports.preview', { fileName: file.name, contentBase64: file.bytes.toString('base64'), asOf: NEXT_MONTH, fullExport: true });

function withinLimit<T>(work: Promise<T>): Promise<T | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), FILE_LIMIT_MS)));
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** The figures "read exactly as the base file" compares. */
function figures(counts: ImportPreviewCounts) {
  const { rowsRead, accepted, inserted, updated, unchanged, duplicates, settled, newBorrowers, changedBorrowers, newVillages } = counts;
  return { rowsRead, accepted, inserted, updated, unchanged, duplicates, settled, newBorrowers, changedBorrowers, newVillages, rejected: counts.rejected.length };
}

interface Outcome {
  file: CorpusFile;
  result: 'refused' | 'accepted' | 'asked' | 'hung' | 'crashed';
  stage: 'preview' | 'commit';
  code?: string;
  message?: string;
  ms: number;
}

/** Registers part `part` (1…PARTS) of the corpus run: its register, its files, its one test. */
export function damagedFilesPart(part: number): void {
  const corpus = generateCorpus({ scale: FULL ? 4 : 1 });
  const files = corpus.files.filter((_, i) => i % PARTS === part - 1);

  beforeAll(async () => {
    tmp = makeTempDir();
    worker = await bundledParseWorker();
    // The register: the base workbook imported as the October export.
    await open();
    const first = await preview({ name: 'base.xlsx', bytes: corpus.base.xlsx });
    if (!first.ok) throw new Error(first.message);
    const committed = await call('imports.commit', { previewId: (first.value as { previewId: string }).previewId, asOf: '2026-10-31', fullExport: true });
    if (!committed.ok) throw new Error(committed.message);
    await closeAppContext(app);
    copyFileSync(tmp.file('work.sqlite'), tmp.file('base.sqlite'));
    await open();
  }, 120_000);

  afterAll(async () => {
    await closeAppContext(app);
    worker.remove();
    tmp.cleanup();
  });

  describe('the import survives every damaged and crafted file', () => {
    it(`${files.length} of the ${corpus.files.length} files (part ${part} of ${PARTS}): none hangs, crashes or takes over 1 GB; refused ones change nothing; damaged workbooks are refused`, async () => {
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

      // What the undamaged files read as, against the register.
      const baseline = {} as Record<CorpusGroup, ReturnType<typeof figures>>;
      for (const group of ['xlsx', 'xls', 'csv'] as const) {
        const r = await preview({ name: `base.${group}`, bytes: corpus.base[group] });
        if (!r.ok || (r.value as ImportPreview).kind !== 'preview') throw new Error(`base.${group} not read: ${JSON.stringify(r)}`);
        const read = r.value as Extract<ImportPreview, { kind: 'preview' }>;
        // The base files end in a totals row as core systems write it: checked, and in agreement.
        expect(read.totals).toMatchObject({ kind: 'matched', count: 60 });
        baseline[group] = figures(read.counts!);
      }

      const outcomes: Outcome[] = [];
      const problems: string[] = [];
      let unchanged = await fingerprint();
      for (const file of files) {
        const started = Date.now();
        const done = (o: Omit<Outcome, 'file' | 'ms'>) => outcomes.push({ file, ms: Date.now() - started, ...o });
        const r = await withinLimit(preview(file));
        if (r === 'hung') {
          done({ result: 'hung', stage: 'preview' });
          problems.push(`${file.name}: no answer within ${FILE_LIMIT_MS / 1000} s`);
          await reset();
          unchanged = await fingerprint();
          continue;
        }
        if (!r.ok || (r.value as ImportPreview).kind === 'needs-mapping') {
          const code = r.ok ? 'NEEDS_MAPPING' : r.code;
          done({ result: code === 'INTERNAL' ? 'crashed' : 'refused', stage: 'preview', code, message: r.ok ? '' : r.message });
          if (code === 'INTERNAL') problems.push(`${file.name}: crashed in the preview: ${!r.ok && r.message}`);
          if (file.expect === 'same-loans') problems.push(`${file.name}: refused (${code}) but holds the base file's data`);
          if (file.expect === 'refuse' && code === 'NEEDS_MAPPING') problems.push(`${file.name}: offered for column mapping instead of refused`);
          if (file.code && code !== file.code) problems.push(`${file.name}: refused as ${code} (${!r.ok && r.message}), not ${file.code}`);
          if ((await fingerprint()) !== unchanged) problems.push(`${file.name}: refused in the preview, yet the database changed`);
          continue;
        }
        const previewed = r.value as Extract<ImportPreview, { kind: 'preview' }>;
        if (file.expect === 'refuse') problems.push(`${file.name}: accepted (${previewed.counts?.accepted} loans) but must be refused`);
        if (file.expect === 'same-loans') {
          const seen = figures(previewed.counts!);
          if (JSON.stringify(seen) !== JSON.stringify(baseline[file.group])) problems.push(`${file.name}: read as ${JSON.stringify(seen)}, not as the base file ${JSON.stringify(baseline[file.group])}`);
        }
        const c = await withinLimit(call('imports.commit', { previewId: previewed.previewId, asOf: NEXT_MONTH, fullExport: true }));
        if (c === 'hung' || !c.ok) {
          const code = c === 'hung' ? 'HUNG' : c.code;
          done({ result: code === 'HUNG' ? 'hung' : code === 'INTERNAL' ? 'crashed' : code === 'CONFIRM_SETTLE' ? 'asked' : 'refused', stage: 'commit', code, message: c === 'hung' ? '' : c.message });
          if (code === 'HUNG' || code === 'INTERNAL') problems.push(`${file.name}: commit ${code}`);
          if (code !== 'HUNG' && (await fingerprint()) !== unchanged) problems.push(`${file.name}: commit refused (${code}), yet the database changed`);
          continue;
        }
        const result = c.value as ImportPreviewCounts;
        done({ result: 'accepted', stage: 'commit' });
        if (settleShare(result) >= LARGE_SETTLE_SHARE) problems.push(`${file.name}: settled ${result.settled} loans without being asked`);
        await reset();
      }
      clearInterval(sampler);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);

      console.log(summary(outcomes, peakRss, part));
      // BRANCH_LEDGER_CORPUS_REPORT=<file>: every file's outcome, to look into one.
      const report = process.env.BRANCH_LEDGER_CORPUS_REPORT;
      if (report) writeFileSync(`${report}.part-${part}`, JSON.stringify(outcomes.map(({ file, ...o }) => ({ name: file.name, expect: file.expect, ...o })), null, 1));
      expect(problems).toEqual([]);
      expect(outcomes).toHaveLength(files.length);
      expect(peakRss).toBeLessThan(RSS_LIMIT);
    }, FULL ? 3_600_000 : 300_000);
  });
}

/** One line: files, refused, accepted, asked, per group and kind, the slowest file and the peak memory. */
function summary(outcomes: Outcome[], peakRss: number, part: number): string {
  const count = (list: Outcome[], result: Outcome['result']) => list.filter((o) => o.result === result).length;
  const byKind = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const key = `${o.file.group}:${o.file.kind.split('-')[0]}`;
    byKind.set(key, [...(byKind.get(key) ?? []), o]);
  }
  const kinds = [...byKind].map(([k, list]) => `${k} ${count(list, 'refused')}/${list.length}`).join(', ');
  const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a));
  return (
    `damaged-files corpus, part ${part} of ${PARTS}: ${outcomes.length} files, ${count(outcomes, 'refused')} refused, ${count(outcomes, 'accepted')} accepted, ` +
    `${count(outcomes, 'asked')} asked to confirm settling, ${count(outcomes, 'hung')} hung, ${count(outcomes, 'crashed')} crashed; ` +
    `refused/all by kind: ${kinds}; slowest ${slowest.file.name} ${(slowest.ms / 1000).toFixed(1)} s; peak rss ${Math.round(peakRss / 1024 / 1024)} MB`
  );
}
