import { runCli } from '../../electron/backend/cli/run-cli';

/** Runs one CLI invocation in this process: its exit code, what it printed, and stdout parsed when `--json` was asked for. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string; json: any }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, json: argv.includes('--json') && stdout ? JSON.parse(stdout) : null };
}
