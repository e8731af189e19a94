import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli-in-process';
import { setQuietLogs } from '../../electron/backend/log';
import { SAMPLE } from '../helpers/sample-files';
import { makeTempDir } from '../helpers/temp-dir';

// What a new user trips over: a mistyped --db, a folder given as a file, an option misspelt.
// Every message is Chinese and names the path; only migrate, import and demo-data create a database.

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => setQuietLogs(true));
afterAll(() => setQuietLogs(false));
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

/** No Latin words in a message except the options, paths and placeholders it quotes. */
function expectChinese(message: string, ...quoted: string[]) {
  let rest = message;
  for (const q of quoted) rest = rest.split(q).join('');
  // Command words and the values they take are not prose.
  const allowed = /npm run --silent cli|--[a-z-]+|<[^>]*>|\b(migrate|backup|demo-data|import|report portfolio|export register|assign propose|assign apply|worklist|due-soon|overdue|handover|litigation|notices issue|notices receipt|limitation|archive cutover|archive handover|archive receipt|archive status|archive set|archive review|setup|sync pair|sync export|sync apply|hq init|hq register|hq ingest|hq export|hq archive-receipt|hq report|hq reference|hq message|hq console|hq user add|hq user disable|hq user enable|hq user password|hq user list|staff add|indicators|inspections due|clerk|manager|reviewer|head|admin)\b|YYYY-MM-DD|JSON|stdout|\.xlsx|\.xls|\.csv|\.pdf|PDF/g;
  expect(rest.replace(allowed, '')).not.toMatch(/[A-Za-z]{2,}/);
}

describe('a --db that does not exist', () => {
  it.each([
    [['report', 'portfolio']],
    [['export', 'register', '--village', '刘家会村', '--out', 'OUT']],
    [['backup', '--out', 'OUT']],
  ])('%j: exits non-zero, says so with the path, and creates no file', async (args) => {
    const db = tmp.file('mistyped.sqlite');
    const out = tmp.file('out.xlsx');
    const result = await cli(...args.map((a) => (a === 'OUT' ? out : a)), '--db', db, '--json');
    expect(result.code).toBe(1);
    expect(result.json.error).toEqual({ code: 'DB_NOT_FOUND', message: `数据库文件不存在：${db}` });
    expect(result.stderr).toBe(`数据库文件不存在：${db}\n`);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('is created by migrate, import and demo-data, in a folder that exists', async () => {
    expect((await cli('migrate', '--db', tmp.file('m.sqlite'))).code).toBe(0);
    expect((await cli('import', SAMPLE.csv, '--db', tmp.file('i.sqlite'), '--as-of', '2026-10-31')).code).toBe(0);
    expect((await cli('demo-data', '--db', tmp.file('d.sqlite'), '--loans', '20')).code).toBe(0);
    const missing = tmp.file('no-such-folder/m.sqlite');
    const refused = await cli('migrate', '--db', missing);
    expect(refused).toMatchObject({ code: 1, stderr: `数据库所在的文件夹不存在：${tmp.file('no-such-folder')}\n` });
  });
});

describe('a --db that is not a database file', () => {
  it.each(['report portfolio', 'migrate', 'import'])('a folder (%s) is said to be one, in Chinese', async (command) => {
    const folder = tmp.file('a-folder');
    mkdirSync(folder);
    const args = command === 'import' ? ['import', SAMPLE.csv] : command.split(' ');
    const result = await cli(...args, '--db', folder, '--json');
    expect(result.code).toBe(1);
    expect(result.json.error).toEqual({ code: 'DB_IS_FOLDER', message: `--db 指向的是一个文件夹，不是数据库文件：${folder}` });
  });

  it('a file of another kind is said not to be a database, with its path', async () => {
    const result = await cli('report', 'portfolio', '--db', SAMPLE.csv, '--json');
    expect(result.code).toBe(1);
    expect(result.json.error).toEqual({ code: 'SQLITE_NOTADB', message: `这不是本程序的数据库文件，或文件已损坏：${SAMPLE.csv}` });
  });
});

describe('files the commands read and write', () => {
  it('a file to import that is not there is named, in Chinese', async () => {
    const missing = tmp.file('nov.xlsx');
    const result = await cli('import', missing, '--db', tmp.file('a.sqlite'), '--json');
    expect(result.code).toBe(1);
    expect(result.json.error).toEqual({ code: 'ENOENT', message: `文件或文件夹不存在：${missing}` });
  });

  it('an export into a folder that is not there is refused before it is made', async () => {
    const db = tmp.file('a.sqlite');
    expect((await cli('import', SAMPLE.csv, '--db', db, '--as-of', '2026-10-31')).code).toBe(0);
    const out = tmp.file('exports/刘家会村.xlsx');
    const result = await cli('export', 'register', '--db', db, '--village', '刘家会村', '--out', out, '--json');
    expect(result.json.error).toEqual({ code: 'OUT_FOLDER_NOT_FOUND', message: `--out 所在的文件夹不存在：${tmp.file('exports')}` });
    const folder = await cli('export', 'register', '--db', db, '--village', '刘家会村', '--out', tmp.dir, '--json');
    expect(folder.json.error.code).toBe('OUT_IS_FOLDER');
  });
});

describe('usage errors', () => {
  it.each([
    [['report', 'portfolio', '--db'], '参数错误：选项 --db 后面缺少值'],
    [['report', 'portfolio', '--dbb', 'x.sqlite'], '参数错误：未知选项：--dbb'],
    [['report', 'portfolio', '--db', 'x.sqlite', '--json=yes'], '参数错误：选项 --json 后面不应带值'],
    [['report', 'portfolio', 'x.sqlite'], '参数错误：多余的参数：x.sqlite'],
    [['export', 'register', '--db', 'x.sqlite', '--out', 'x.xlsx'], '参数错误：缺少 --village'],
    [['import', '--db', 'x.sqlite'], '参数错误：缺少要导入的文件'],
    [['report', 'portfolio', '--db', 'x.sqlite', '--as', ''], '参数错误：--as 后面应写员工的用户名'],
  ])('%j is answered in Chinese with the command’s usage, exit 2', async (argv, message) => {
    const result = await cli(...argv);
    expect(result.code).toBe(2);
    const [first, usage] = result.stderr.split('\n');
    expect(first).toBe(message);
    expect(usage).toMatch(/^用法：npm run --silent cli -- /);
    expectChinese(result.stderr, 'x.sqlite');
    expect(existsSync('x.sqlite')).toBe(false);
  });

  it('the help and an unknown command are in Chinese', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^用法：/);
    expect(help.stdout).toContain('--as <用户名>');
    expectChinese(help.stdout);
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^未知命令：frobnicate\n/);
    expectChinese(unknown.stderr, 'frobnicate');
  });
});

describe('every message in Chinese', () => {
  it('an unknown --village is named', async () => {
    const db = tmp.file('a.sqlite');
    expect((await cli('migrate', '--db', db)).code).toBe(0);
    const result = await cli('export', 'register', '--db', db, '--village', '无此村', '--out', tmp.file('x.xlsx'));
    expect(result).toMatchObject({ code: 1, stderr: '找不到村：无此村\n' });
  });
});
