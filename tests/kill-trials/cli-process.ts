import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The date the fixtures are judged by, as in the tests (the generated exports are dated October and November 2026). */
export const TRIAL_TODAY = '2026-12-02';

/** How often the files are looked at for the first sign of writing. */
const WATCH_EVERY_MS = 2;

export interface CliRun<P> {
  /** From spawn to exit. */
  ms: number;
  /** When (ms after spawn) `writing` first answered true; null if it never did. */
  writingAtMs: number | null;
  /** The process ended by our SIGKILL (not by itself just before it). */
  killed: boolean;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** What `probe` saw just before the kill (the files on disk at that moment). */
  probe: P | null;
}

export interface CliRunOptions<P> {
  /** Looks at the files: has the run begun writing? Watched every few ms until it answers true. */
  writing?: () => boolean;
  /** SIGKILL this many ms after the start, or after `writing` first answered true. */
  kill?: { afterStartMs: number } | { afterWritingMs: number };
  /** Looks at the files just before the kill. */
  probe?: () => P;
}

/**
 * Runs the real CLI as a child process: node itself on the launcher (electron/cli-launcher.mjs,
 * which runs the built CLI in its own process), so that the process killed is the one doing the
 * work (npx would leave it running as a grandchild).
 * With `kill` it is sent SIGKILL (its whole process group) at that moment, unless done by then.
 */
export function runCliProcess<P = never>(args: string[], opts: CliRunOptions<P> = {}): Promise<CliRun<P>> {
  const started = performance.now();
  const child = spawn(process.execPath, ['electron/cli-launcher.mjs', ...args], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BRANCH_LEDGER_TODAY: TRIAL_TODAY },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  let exited = false;
  let probe: P | null = null;
  let writingAtMs: number | null = null;
  const timers: NodeJS.Timeout[] = [];

  const killAfter = (ms: number) =>
    timers.push(
      setTimeout(() => {
        if (exited || child.pid === undefined) return;
        probe = opts.probe ? opts.probe() : null;
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
        }
      }, ms),
    );
  if (opts.kill && 'afterStartMs' in opts.kill) killAfter(opts.kill.afterStartMs);
  const { writing, kill } = opts;
  if (writing) {
    const watch = setInterval(() => {
      if (exited || !writing()) return;
      writingAtMs = performance.now() - started;
      clearInterval(watch);
      if (kill && 'afterWritingMs' in kill) killAfter(kill.afterWritingMs);
    }, WATCH_EVERY_MS);
    timers.push(watch);
  }

  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => (exited = true));
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({ ms: performance.now() - started, writingAtMs, killed: signal === 'SIGKILL', exitCode: code, stdout, stderr, probe });
    });
  });
}

/** Runs the CLI to the end (watching `writing`, if given) and throws unless it succeeded. */
export async function runCliToEnd(args: string[], writing?: () => boolean): Promise<CliRun<never>> {
  const run = await runCliProcess<never>(args, { writing });
  if (run.exitCode !== 0) throw new Error(`cli ${args.join(' ')} failed (${run.exitCode}): ${run.stderr || run.stdout}`);
  return run;
}
