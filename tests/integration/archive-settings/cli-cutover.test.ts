import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppContext, createAppContext } from '../../../electron/backend/app-context';
import { cli } from '../../helpers/cli-in-process';
import { makeTempDir } from '../../helpers/temp-dir';
import { archiveApp } from '../archives/archive-fixture';
import { changeCount, filesByLoan } from './archive-settings-files';

let tmp: ReturnType<typeof makeTempDir>;
let db: string;

beforeAll(async () => {
  tmp = makeTempDir();
  db = tmp.file('ledger.sqlite');
  await (await archiveApp(db)).close();
});
afterAll(() => tmp.cleanup());

/** The files and how many changes there are, read with the app closed again. */
async function state() {
  const app = await createAppContext(db);
  try {
    return { files: await filesByLoan(app), changes: await changeCount(app) };
  } finally {
    await closeAppContext(app);
  }
}

// The tests run in order on one database: the refusals first, then the cut-over.
describe('CLI archive cutover', () => {
  it('refuses an unknown --as, a clerk, no --as and a date that is not one or is after today, in Chinese, changing nothing', async () => {
    const before = await state();
    const unknown = await cli('archive', 'cutover', '--db', db, '--before', '2026-11-21', '--as', 'nobody', '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.json.error).toEqual({ code: 'UNKNOWN_STAFF', message: '没有用户名为“nobody”的员工。' });
    const clerk = await cli('archive', 'cutover', '--db', db, '--before', '2026-11-21', '--as', 'clerk1');
    expect(clerk.code).toBe(1);
    expect(clerk.stderr).toMatch(/无权/);
    const system = await cli('archive', 'cutover', '--db', db, '--before', '2026-11-21');
    expect(system.code).toBe(1);
    expect(system.stderr).toContain('--as <用户名>');
    const notADate = await cli('archive', 'cutover', '--db', db, '--before', '2026-02-30', '--as', 'head1');
    expect(notADate.code).toBe(2);
    expect(notADate.stderr.split('\n')[0]).toBe('参数错误：--before 2026-02-30：日期无效，应为 YYYY-MM-DD 的真实日期');
    const future = await cli('archive', 'cutover', '--db', db, '--before', '2026-12-31', '--as', 'head1', '--json');
    expect(future.code).toBe(1);
    expect(future.json.error).toEqual({ code: 'INVALID_INPUT', message: '切换日期 2026-12-31 晚于今天，不能设置。' });
    const missing = await cli('archive', 'cutover', '--db', db, '--as', 'head1');
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('参数错误：缺少 --before');
    expect(await state()).toEqual(before);
  });

  it('sets the cut-over as the named head and prints the date and the files received', async () => {
    const out = await cli('archive', 'cutover', '--db', db, '--before', '2026-11-21', '--as', 'head1', '--json');
    expect(out.code, out.stderr).toBe(0);
    expect(out.json).toEqual({ cutoverDate: '2026-11-21', filesReceived: 4 });
    const { files } = await state();
    expect(files.A03).toMatchObject({ status: 'received', backlog: 1, received_on: '2026-11-21' });
    expect(files.A01.status).toBe('collecting');
    const text = await cli('archive', 'cutover', '--db', db, '--before', '2026-11-26', '--as', 'head1');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toBe('档案切换日期已设为 2026-11-26，1 份存量档案视为已签收。\n');
  });
});
