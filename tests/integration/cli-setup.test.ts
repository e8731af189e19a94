import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, createAppContext } from '../../electron/backend/app-context';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import { cli } from '../helpers/cli-in-process';
import { makeTempDir } from '../helpers/temp-dir';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The real CLI (its launcher) with `stdin` piped in, as a script runs it. */
function cliWithStdin(stdin: string, ...argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['electron/cli-launcher.mjs', ...argv], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const setupArgs = (db: string) => ['setup', '--db', db, '--branch-code', '880110', '--branch-name', '白文支行', '--admin', 'admin', '--password-stdin', '--json'];

describe('setup from the CLI', () => {
  it('sets up a new database whose administrator then signs in with the password piped in, and refuses a second setup', async () => {
    const db = tmp.file('ledger.sqlite');
    const first = await cliWithStdin('s3cret-pass\n', ...setupArgs(db));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ branchCode: '880110', branchName: '白文支行', admin: { username: 'admin', name: '系统管理员', role: 'admin' } });

    const again = await cliWithStdin('other-pass\n', ...setupArgs(db));
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toEqual({ error: expect.objectContaining({ code: 'ALREADY_INITIALIZED', message: '系统已经完成初始设置' }) });

    const app = await createAppContext(db);
    try {
      const wrong = await dispatch(app, 'auth.login', { username: 'admin', password: 'other-pass' }, {});
      expect(wrong.ok).toBe(false);
      const login = await dispatch(app, 'auth.login', { username: 'admin', password: 's3cret-pass' }, {});
      expect(login.ok).toBe(true);
      const branch = await dispatch(app, 'setup.status', {}, {});
      expect(branch).toMatchObject({ ok: true, value: { initialized: true } });
    } finally {
      await closeAppContext(app);
    }
  });

  it('asks for --password-stdin instead of taking a password on the command line, and creates no file', async () => {
    const db = tmp.file('ledger.sqlite');
    const r = await cli('setup', '--db', db, '--branch-code', '880110', '--branch-name', '白文支行', '--admin', 'admin', '--json');
    expect(r.code).toBe(2);
    expect(r.json.error.message).toContain('--password-stdin');
    const password = await cli(...setupArgs(db).slice(0, -2), '--password', 'x', '--json');
    expect(password.code).toBe(2);
  });

  it('refuses a too-short password piped in, naming where it came from', async () => {
    const r = await cliWithStdin('123\n', ...setupArgs(tmp.file('ledger.sqlite')));
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toContain('--admin / --admin-name / --password-stdin');
  });
});
