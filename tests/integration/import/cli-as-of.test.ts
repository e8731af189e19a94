import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/backend/cli/run-cli';
import { openDatabase } from '../../../electron/backend/db/connection';
import { todayLocal } from '../../../electron/shared/dates';
import { csvBytes, SAMPLE, sampleCsvLines } from '../../helpers/sample-files';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

/** Imports through the CLI; returns what it said on stderr and the as-of date the import was recorded with. */
async function importVia(dbName: string, file: string, ...flags: string[]) {
  const db = tmp.file(dbName);
  let stderr = '';
  const code = await runCli(['import', file, '--db', db, ...flags, '--json'], { stdout: () => {}, stderr: (t) => (stderr += t) });
  expect(code).toBe(0);
  const conn = await openDatabase(db);
  try {
    const { as_of } = await conn.selectFrom('imports').select('as_of').executeTakeFirstOrThrow();
    return { asOf: as_of, stderr };
  } finally {
    await conn.destroy();
  }
}

describe('the CLI import’s as-of date', () => {
  it('comes from the file’s meta row first, and says so when --as-of disagrees', async () => {
    // The sample .xlsx says 数据日期：2026-10-31 above its header.
    const agreeing = await importVia('a.sqlite', SAMPLE.xlsx, '--as-of', '2026-10-31');
    expect(agreeing).toEqual({ asOf: '2026-10-31', stderr: '' });
    const disagreeing = await importVia('b.sqlite', SAMPLE.xlsx, '--as-of', '2026-12-31');
    expect(disagreeing.asOf).toBe('2026-10-31');
    expect(disagreeing.stderr).toContain('未采用 --as-of 2026-12-31');
  });

  it('comes from --as-of when the file names none, else it is today, said aloud', async () => {
    // The sample .csv has no meta row.
    expect(await importVia('a.sqlite', SAMPLE.csv, '--as-of', '2026-09-30')).toEqual({ asOf: '2026-09-30', stderr: '' });
    const undated = await importVia('b.sqlite', SAMPLE.csv);
    expect(undated.asOf).toBe(todayLocal());
    expect(undated.stderr).toContain('文件未注明数据日期');
  });
});

describe('the CLI import of a full export', () => {
  it('says on stderr how many loans it settled, since the JSON has no field for it', async () => {
    const db = tmp.file('full.sqlite');
    const lines = sampleCsvLines();
    const run = async (file: string, asOf: string) => {
      let stderr = '';
      const code = await runCli(['import', file, '--db', db, '--as-of', asOf, '--json'], { stdout: () => {}, stderr: (t) => (stderr += t) });
      expect(code).toBe(0);
      return stderr;
    };
    expect(await run(SAMPLE.csv, '2026-10-31')).toBe('');
    const later = tmp.file('later.csv');
    writeFileSync(later, csvBytes([lines[0], ...lines.slice(2)]));
    expect(await run(later, '2026-11-30')).toContain('1 笔在贷贷款不在此文件中，已按完整导出标记为结清');
  });
});

