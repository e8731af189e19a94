import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/backend/cli/run-cli';
import { setQuietLogs } from '../../../electron/backend/log';
import { openDatabase } from '../../../electron/backend/db/connection';
import { todayLocal } from '../../../electron/shared/dates';
import { csvBytes, SAMPLE, sampleCsvLines } from '../../helpers/sample-files';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => setQuietLogs(true)); // the refusals below are expected
afterAll(() => setQuietLogs(false));
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
  const run = async (db: string, file: string, asOf: string, ...flags: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['import', file, '--db', db, '--as-of', asOf, ...flags, '--json'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, json: JSON.parse(stdout), stderr };
  };
  const loanStatuses = async (db: string) => {
    const conn = await openDatabase(db);
    try {
      return await conn.selectFrom('loans').select('status').execute();
    } finally {
      await conn.destroy();
    }
  };

  it('says how many loans it settled, in its JSON and on stderr', async () => {
    const db = tmp.file('full.sqlite');
    const lines = sampleCsvLines();
    const first = await run(db, SAMPLE.csv, '2026-10-31');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.json.settled).toBe(0);
    const later = tmp.file('later.csv');
    writeFileSync(later, csvBytes([lines[0], ...lines.slice(2)]));
    const second = await run(db, later, '2026-11-30');
    expect(second.code).toBe(0);
    expect(second.json.settled).toBe(1);
    expect(second.stderr).toContain('1 笔在贷贷款不在此文件中，已按完整导出标记为结清');
  });

  it('settles 10 % or more of the loans only with --confirm-settle', async () => {
    const db = tmp.file('full.sqlite');
    const lines = sampleCsvLines();
    expect((await run(db, SAMPLE.csv, '2026-10-31')).code).toBe(0);
    const partial = tmp.file('twenty-loans.csv');
    writeFileSync(partial, csvBytes(lines.slice(0, 21)));

    const refused = await run(db, partial, '2026-11-30');
    expect(refused.code).toBe(1);
    expect(refused.json.error.code).toBe('CONFIRM_SETTLE');
    expect(refused.json.error.message).toMatch(/^此文件将使 \d+ 笔在贷贷款（约占 \d+%）因不在文件中而标记为结清，未导入。.*--confirm-settle.*--partial/);
    expect((await loanStatuses(db)).filter((l) => l.status === 'settled')).toEqual([]);

    const confirmed = await run(db, partial, '2026-11-30', '--confirm-settle');
    expect(confirmed.code).toBe(0);
    expect(confirmed.json.settled).toBeGreaterThan(100);
    expect((await loanStatuses(db)).filter((l) => l.status === 'settled')).toHaveLength(confirmed.json.settled);
  });
});
