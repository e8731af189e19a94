import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../helpers/pg-global-setup';

// A CI run hung for 90 minutes: the server started under `flock` inherited the lock, so the next
// start (Vitest's second project) waited for as long as the server ran. These start a cluster of
// their own on a free port, as a clean machine would.
const dir = mkdtempSync(path.join(os.tmpdir(), 'bl-pg-start-'));
const lock = `${dir}.start-lock`;
let port = 0;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return free;
}

function env(): NodeJS.ProcessEnv {
  return { ...process.env, BL_PG_DIR: dir, BL_PG_PORT: String(port) };
}

function pgBin(name: string): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  return `/usr/lib/postgresql/${versions.at(-1)}/bin/${name}`;
}

function stopServer(): void {
  const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const [cmd, ...args] = [...asPostgres, pgBin('pg_ctl'), '-D', dir, '-m', 'fast', '-w', 'stop'];
  execFileSync(cmd!, args, { cwd: '/', stdio: 'ignore' });
}

function processesHolding(file: string): number[] {
  const holders: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === file) holders.push(Number(pid));
      } catch {
        // The process or descriptor went away while we looked.
      }
    }
  }
  return holders;
}

describe('the test server start (tests/pg/start-server.sh)', () => {
  afterAll(() => {
    try {
      stopServer();
    } catch {
      // Already stopped, or never started.
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(lock, { force: true });
  });

  it('starts a cluster, leaves the start lock to nobody, and a second start returns at once', async () => {
    port = await freePort();
    const url = await startTestServer(env());
    expect(url).toBe(`postgres://postgres@127.0.0.1:${port}/postgres`);
    expect(processesHolding(lock)).toEqual([]);
    await expect(startTestServer(env())).resolves.toBe(url);
  }, 180_000);

  it('starts again over a folder whose postmaster.pid names a process that is not a server', async () => {
    stopServer();
    // What a folder copied from another machine looks like: the pid is alive here, but is not postgres.
    writeFileSync(path.join(dir, 'postmaster.pid'), `${process.pid}\n${dir}\n0\n${port}\n/tmp\n127.0.0.1\n0 0\nready\n`);
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', path.join(dir, 'postmaster.pid')]);
    await expect(startTestServer(env())).resolves.toBe(`postgres://postgres@127.0.0.1:${port}/postgres`);
    expect(processesHolding(lock)).toEqual([]);
  }, 180_000);
});
