import { existsSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli-in-process';
import { setQuietLogs } from '../../electron/backend/log';
import { openDatabase } from '../../electron/backend/db/connection';
import { addDays, todayLocal } from '../../electron/shared/dates';
import { csvBytes, SAMPLE, sampleCsvLines } from '../helpers/sample-files';
import { makeTempDir } from '../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => setQuietLogs(true)); // the refusals below are expected
afterAll(() => setQuietLogs(false));
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const today = todayLocal();
const tomorrow = addDays(today, 1);

/** The as-of dates of the imports a database holds, and how many loans it has. */
async function contents(db: string) {
  const conn = await openDatabase(db);
  try {
    const imports = await conn.selectFrom('imports').select('as_of').execute();
    const loans = await conn.selectFrom('loans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { asOfs: imports.map((i) => i.as_of), loans: Number(loans.n) };
  } finally {
    await conn.destroy();
  }
}

describe('the CLI import’s --as-of', () => {
  it.each(['2026-02-30', '2099-13-45', '2026-2-3'])('refuses %j in Chinese, before it opens the database', async (bad) => {
    const db = tmp.file('a.sqlite');
    const out = await cli('import', SAMPLE.csv, '--db', db, '--as-of', bad, '--json');
    expect(out.code).toBe(2);
    expect(out.json).toEqual({ error: { code: 'USAGE', message: `参数错误：--as-of ${bad}：日期无效，应为 YYYY-MM-DD 的真实日期` } });
    expect(existsSync(db)).toBe(false);
  });

  it('refuses a date after today, and imports nothing', async () => {
    const db = tmp.file('a.sqlite');
    const out = await cli('import', SAMPLE.csv, '--db', db, '--as-of', tomorrow, '--confirm-as-of', '--json');
    expect(out.code).toBe(1);
    expect(out.json).toEqual({ error: { code: 'AS_OF_IN_FUTURE', message: `数据日期 ${tomorrow} 晚于今天（${today}），请检查日期是否写错。` } });
    expect(out.stderr).toBe(`数据日期 ${tomorrow} 晚于今天（${today}），请检查日期是否写错。\n`);
    expect(await contents(db)).toEqual({ asOfs: [], loans: 0 });
  });

  it('does not take a file’s own date after today: it asks for --as-of, and takes it', async () => {
    const file = tmp.file('dated.csv');
    writeFileSync(file, csvBytes([`数据日期：${tomorrow}`, ...sampleCsvLines()]));
    const db = tmp.file('a.sqlite');
    const refused = await cli('import', file, '--db', db, '--json');
    expect(refused.code).toBe(1);
    expect(refused.json.error).toEqual({
      code: 'AS_OF_IN_FUTURE',
      message: `文件注明的数据日期 ${tomorrow} 晚于今天（${today}），未采用。请用 --as-of 指定数据日期。`,
    });
    expect(await contents(db)).toEqual({ asOfs: [], loans: 0 });

    const taken = await cli('import', file, '--db', db, '--as-of', today, '--json');
    expect(taken.code).toBe(0);
    expect(taken.stderr).toContain(`文件注明的数据日期 ${tomorrow} 晚于今天（${today}），未采用，已按 --as-of ${today} 导入。`);
    expect((await contents(db)).asOfs).toEqual([today]);
  });

  it('imports a date more than a year back only with --confirm-as-of', async () => {
    const old = addDays(today, -400);
    const db = tmp.file('a.sqlite');
    const refused = await cli('import', SAMPLE.csv, '--db', db, '--as-of', old);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`数据日期 ${old} 距今已超过一年。请确认日期没有写错。确认无误时请加 --confirm-as-of。\n`);
    expect(await contents(db)).toEqual({ asOfs: [], loans: 0 });

    const confirmed = await cli('import', SAMPLE.csv, '--db', db, '--as-of', old, '--confirm-as-of', '--json');
    expect(confirmed.code).toBe(0);
    expect((await contents(db)).asOfs).toEqual([old]);
  });
});
