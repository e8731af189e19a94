import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHqUser } from '../../../electron/backend/hq/writes/add-hq-user';
import { buildHqPackage } from '../../../electron/backend/hq/writes/build-hq-package';
import { startHqConsole, type RunningConsole } from '../../../electron/backend/hq/console/start-console';
import { SEED, seedHqConsole, type SeededHq } from '../../e2e/hq-console-seed';
import { createHqTestDatabase, type HqTestDatabase } from '../../helpers/hq-database';
import { makeTempDir } from '../../helpers/temp-dir';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

let pgdb: HqTestDatabase;
let tmp: ReturnType<typeof makeTempDir>;
let seeded: SeededHq;
let server: RunningConsole;

beforeAll(async () => {
  pgdb = await createHqTestDatabase();
  tmp = makeTempDir();
  seeded = await seedHqConsole(pgdb.url, tmp.dir);
  server = await startHqConsole({ db: seeded.conn.db, host: '127.0.0.1', port: 0, keys: seeded.keys, hqDir: seeded.hqDir });
});
afterAll(async () => {
  await server?.close();
  await seeded?.conn.close();
  await pgdb?.drop();
  tmp?.cleanup();
});

const at = (path: string) => new URL(path, server.url).toString();
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;
const csrfOf = (page: string) => /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

function get(path: string, cookie = ''): Promise<Response> {
  return fetch(at(path), { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

function post(path: string, form: Record<string, string>, cookie = ''): Promise<Response> {
  return fetch(at(path), { method: 'POST', redirect: 'manual', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) } });
}

/** Signs in as the seeded user: the session cookie and the page's CSRF token. */
async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const loginPage = await get('/login');
  const anonymous = cookieOf(loginPage);
  const res = await post('/login', { csrf: csrfOf(await loginPage.text()), username: SEED.user.username, password: SEED.user.password }, anonymous);
  expect(res.status).toBe(303);
  const cookie = cookieOf(res);
  const overview = await get('/', cookie);
  return { cookie, csrf: csrfOf(await overview.text()) };
}

const receiptRows = () => seeded.conn.db.selectFrom('hq_rows').selectAll().where('table_name', '=', 'archive_receipts').execute();

describe('the head-office console', () => {
  it('sends every page but login to the login page without a session, and refuses a login post without the form’s token', async () => {
    for (const path of ['/', '/buckets', '/archive', '/sync', `/receipt?branch=B01&batch=x`, '/nowhere']) {
      const res = await get(path);
      expect([path, res.status, res.headers.get('location')]).toEqual([path, 303, '/login']);
    }
    const loginPage = await get('/login');
    expect(loginPage.status).toBe(200);
    expect(loginPage.headers.get('set-cookie')).toMatch(/^hq_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(loginPage.headers.get('content-security-policy')).toContain("default-src 'none'");
    const anonymous = cookieOf(loginPage);
    const form = { username: SEED.user.username, password: SEED.user.password };
    expect((await post('/login', form, anonymous)).status).toBe(403);
    expect((await post('/login', { ...form, csrf: 'forged' }, anonymous)).status).toBe(403);
    const noCookie = await post('/login', { ...form, csrf: csrfOf(await loginPage.text()) });
    expect(noCookie.status).toBe(403);
    expect(await noCookie.text()).toContain('页面已过期或请求来源不明');
    const foreign = await fetch(at('/login'), {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ ...form, csrf: csrfOf(await (await get('/login', anonymous)).text()) }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: anonymous, origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
  });

  it('slows password guessing: after a few failures a username must wait, told in Chinese', async () => {
    const loginPage = await get('/login');
    const anonymous = cookieOf(loginPage);
    const csrf = csrfOf(await loginPage.text());
    const statuses: number[] = [];
    let last = '';
    // Three failures are free, the fourth makes the next try wait 1 s, the fifth (if it came after that second) 2 s.
    while (statuses.length < 7 && !statuses.includes(429)) {
      const res = await post('/login', { csrf, username: 'guessed', password: `guess-${statuses.length}` }, anonymous);
      statuses.push(res.status);
      last = await res.text();
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    expect(last).toMatch(/登录失败次数过多，请 \d+ 秒后再试。/);
  });

  it('signs in with the password (a wrong one told in Chinese), with a new session id, and signs out', async () => {
    const loginPage = await get('/login');
    const anonymous = cookieOf(loginPage);
    const csrf = csrfOf(await loginPage.text());
    const wrong = await post('/login', { csrf, username: SEED.user.username, password: 'not-the-password' }, anonymous);
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('用户名或密码错误。');
    const ok = await post('/login', { csrf, username: SEED.user.username, password: SEED.user.password }, anonymous);
    expect([ok.status, ok.headers.get('location')]).toEqual([303, '/']);
    const cookie = cookieOf(ok);
    expect(cookie).not.toBe(anonymous);
    expect((await get('/', anonymous)).status).toBe(303);
    const overview = await get('/', cookie);
    expect(overview.status).toBe(200);
    const page = await overview.text();
    expect(page).toContain('张三（zhangsan）');

    expect((await post('/logout', { csrf: 'forged' }, cookie)).status).toBe(403);
    const out = await post('/logout', { csrf: csrfOf(page) }, cookie);
    expect([out.status, out.headers.get('location')]).toEqual([303, '/login']);
    expect((await get('/', cookie)).status).toBe(303);
  });

  it('shows the branch’s line, its buckets, archive and sync, and refuses a request it does not know in Chinese', async () => {
    const { cookie } = await signIn();
    const overview = await (await get('/', cookie)).text();
    expect(overview).toContain('B01 城关支行');
    expect(overview).toMatch(/第 1 号/);
    expect(overview).toContain('2026-11-30');
    expect(overview).toContain('3,500.00'); // 35,000,000.00 元 in 万元
    expect(overview).toContain('全行合计（1 个支行）');
    const buckets = await (await get('/buckets', cookie)).text();
    expect(buckets).toContain('逾期 31–90 天');
    const archive = await (await get('/archive', cookie)).text();
    expect(archive).toContain(SEED.batchNo);
    expect(archive).toContain('收集中');
    const sync = await (await get('/sync', cookie)).text();
    expect(sync).toContain(seeded.keys.fingerprint);
    expect(sync).toContain('没有暂存的包。');

    const bad = await get('/archive?branch=B01&x=1', cookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('请求中有不认识的参数。');
    const missing = await get(`/receipt?branch=B01&batch=${encodeURIComponent('无此批次')}`, cookie);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('总行没有机构 B01 的移交批次 无此批次');
  });

  it('records a receipt through the form only with the session’s token, as the signed-in user; it lands in hq_rows', async () => {
    const { cookie, csrf } = await signIn();
    const formPage = await get(`/receipt?${new URLSearchParams({ branch: 'B01', batch: SEED.batchNo })}`, cookie);
    expect(formPage.status).toBe(200);
    const page = await formPage.text();
    for (const f of SEED.files) expect(page).toContain(f.loanNo);
    expect(page).toContain('赵&lt;b&gt;强&lt;/b&gt;');
    expect(page).not.toContain('<b>强');

    const form = { branch: 'B01', batch: SEED.batchNo, receivedOn: '2026-12-01', r0: 'received', r1: 'received', r2: 'discrepancy', reason2: '缺抵押登记证明' };
    expect((await post('/receipt', form, cookie)).status).toBe(403);
    expect((await post('/receipt', { ...form, csrf: 'x'.repeat(43) }, cookie)).status).toBe(403);
    const otherSession = await signIn();
    expect((await post('/receipt', { ...form, csrf: otherSession.csrf }, cookie)).status).toBe(403);
    const unexplained = await post('/receipt', { ...form, csrf, reason2: ' ' }, cookie);
    expect(unexplained.status).toBe(400);
    expect(await unexplained.text()).toContain('有差异的档案须写明差异：JJ2026000103。');
    expect(await receiptRows()).toEqual([]);

    const done = await post('/receipt', { ...form, csrf }, cookie);
    expect([done.status, done.headers.get('location')]).toEqual([303, '/archive?branch=B01']);
    const rows = await receiptRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ branch_code: 'B01', recorded_by: '张三', data: { batch_no: SEED.batchNo, received_by: '张三', received_on: '2026-12-01' } });
    expect(JSON.parse(rows[0]!.data.results_json as string)).toEqual([
      { loanNo: 'JJ2026000101', status: 'received', reason: '' },
      { loanNo: 'JJ2026000102', status: 'received', reason: '' },
      { loanNo: 'JJ2026000103', status: 'discrepancy', reason: '缺抵押登记证明' },
    ]);
    const log = await seeded.conn.db.selectFrom('hq_log').select(['actor', 'action']).where('action', '=', 'archive_receipt').execute();
    expect(log).toEqual([{ actor: '张三', action: 'archive_receipt' }]);

    const archive = await (await get('/archive?branch=B01', cookie)).text();
    expect(archive).toContain('已登记 B01 批次');
    expect(archive).toContain('没有待签收的移交批次。');
    expect(archive).toContain('待下发（随下一个发往该支行的同步包）');
    const built = await buildHqPackage(seeded.conn.db, seeded.keys, 'B01', '测试');
    expect(built).toMatchObject({ seq: 1, rows: 1 });
    expect(await (await get('/archive', cookie)).text()).toContain('已随第 1 号包下发');
    const again = await post('/receipt', { ...form, csrf }, cookie);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('已登记过签收');
  });
});

/** The real CLI (its launcher), stdin piped in; `onLine` sees stdout's lines as they come. */
function runCli(args: string[], stdin: string, onLine?: (line: string, stop: () => void) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['electron/cli-launcher.mjs', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      const before = stdout.split('\n').length - 1;
      stdout += d.toString('utf8');
      const lines = stdout.split('\n');
      for (const line of lines.slice(before, -1)) onLine?.(line, () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('hq user add and hq console from the command line', () => {
  it('adds a user (a taken username or a short password refused), serves the console on loopback until SIGTERM', async () => {
    const added = await runCli(['hq', 'user', 'add', '--pg', pgdb.url, '--username', 'lisi', '--name', '李四', '--password-stdin', '--json'], 'lisi-password-1\n');
    expect(added.stderr).toBe('');
    expect(JSON.parse(added.stdout)).toEqual({ username: 'lisi', name: '李四' });
    await expect(addHqUser(seeded.conn.db, '测试', { username: 'lisi', name: '李四', password: 'another-password' })).rejects.toMatchObject({ code: 'HQ_USER_EXISTS', userMessage: '用户名 lisi 已存在。' });
    await expect(addHqUser(seeded.conn.db, '测试', { username: 'wangwu', name: '王五', password: 'short' })).rejects.toMatchObject({ code: 'BAD_INPUT', userMessage: '密码至少 8 位' });
    const users = await seeded.conn.db.selectFrom('hq_users').select(['username', 'name', 'password_hash']).where('username', '=', 'lisi').execute();
    expect(users).toEqual([{ username: 'lisi', name: '李四', password_hash: expect.stringMatching(/^scrypt\$/) }]);

    let signedIn = 0;
    let started: { url: string; host: string } | null = null;
    const run = await runCli(['hq', 'console', '--pg', pgdb.url, '--port', '0', '--json'], '', (line, stop) => {
      if (started) return;
      started = JSON.parse(line) as { url: string; host: string };
      const { url } = started;
      void (async () => {
        const loginPage = await fetch(new URL('/login', url), { redirect: 'manual' });
        const res = await fetch(new URL('/login', url), {
          method: 'POST',
          redirect: 'manual',
          body: new URLSearchParams({ csrf: csrfOf(await loginPage.text()), username: 'lisi', password: 'lisi-password-1' }),
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(loginPage) },
        });
        signedIn = res.status;
      })().finally(stop);
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(started).toMatchObject({ host: '127.0.0.1', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/) });
    expect(signedIn).toBe(303);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toMatchObject({ stopped: true });
  });
});

/** A login through the console's form: the answer's status and the session cookie it set. */
async function loginAs(username: string, password: string): Promise<{ status: number; cookie: string }> {
  const loginPage = await get('/login');
  const res = await post('/login', { csrf: csrfOf(await loginPage.text()), username, password }, cookieOf(loginPage));
  return { status: res.status, cookie: cookieOf(res) };
}

describe('hq user disable, enable, password and list from the command line', () => {
  it('stops a login (its open session ends at once), gives it a new password, allows it again, and lists users; an unknown one is refused', async () => {
    await addHqUser(seeded.conn.db, '测试', { username: 'wangwu', name: '王五', password: 'wangwu-password-1' });
    const session = await loginAs('wangwu', 'wangwu-password-1');
    expect(session.status).toBe(303);
    expect((await get('/', session.cookie)).status).toBe(200);

    const disabled = await runCli(['hq', 'user', 'disable', '--pg', pgdb.url, '--username', 'wangwu', '--json'], '');
    expect([disabled.code, disabled.stderr]).toEqual([0, '']);
    expect(JSON.parse(disabled.stdout)).toEqual({ username: 'wangwu', name: '王五', disabled: true });
    expect((await get('/', session.cookie)).headers.get('location')).toBe('/login');
    expect((await loginAs('wangwu', 'wangwu-password-1')).status).toBe(401);

    const reset = await runCli(['hq', 'user', 'password', '--pg', pgdb.url, '--username', 'wangwu', '--password-stdin'], 'wangwu-password-2\n');
    expect([reset.code, reset.stderr, reset.stdout.trim()]).toEqual([0, '', '已重设 王五（用户名 wangwu）：已停用 的密码。']);
    const enabled = await runCli(['hq', 'user', 'enable', '--pg', pgdb.url, '--username', 'wangwu'], '');
    expect([enabled.code, enabled.stdout.trim()]).toEqual([0, '已启用总行控制台用户 王五（用户名 wangwu）。']);
    expect((await loginAs('wangwu', 'wangwu-password-1')).status).toBe(401);
    expect((await loginAs('wangwu', 'wangwu-password-2')).status).toBe(303);

    const listed = await runCli(['hq', 'user', 'list', '--pg', pgdb.url, '--json'], '');
    expect(JSON.parse(listed.stdout).users).toEqual(
      expect.arrayContaining([
        { username: 'wangwu', name: '王五', disabled: false },
        { username: SEED.user.username, name: SEED.user.name, disabled: false },
      ]),
    );

    const unknown = await runCli(['hq', 'user', 'disable', '--pg', pgdb.url, '--username', 'nobody', '--json'], '');
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout).error).toEqual({ code: 'HQ_USER_UNKNOWN', message: '没有用户名为 nobody 的总行控制台用户。' });
    const short = await runCli(['hq', 'user', 'password', '--pg', pgdb.url, '--username', 'wangwu', '--password-stdin', '--json'], 'short\n');
    expect(JSON.parse(short.stdout).error).toEqual({ code: 'BAD_INPUT', message: '密码至少 8 位' });

    // Each change is in head office's log, by the command line, without the password.
    const log = await seeded.conn.db.selectFrom('hq_log').select(['actor', 'action', 'detail']).where('action', 'in', ['disable_user', 'enable_user', 'set_user_password']).orderBy('seq').execute();
    expect(log.map((l) => [l.actor, l.action, l.detail])).toEqual([
      ['系统（命令行）', 'disable_user', { username: 'wangwu' }],
      ['系统（命令行）', 'set_user_password', { username: 'wangwu' }],
      ['系统（命令行）', 'enable_user', { username: 'wangwu' }],
    ]);
  });
});
