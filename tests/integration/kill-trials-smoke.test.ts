import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;

// The kill -9 trials (tests/kill-trials/run.ts) take many minutes and are run by hand; this runs
// three of them on a small database, so that the script itself keeps working. It exits non-zero
// (and this test fails) when a trial finds a half migration or a false backup.
describe('kill -9 trials', () => {
  it('kill a migration three times: each time the database is as it was or migrated, and every backup is whole', async () => {
    const args = ['--import', 'tsx', 'tests/kill-trials/run.ts', '--kinds', 'migrate', '--kills', '2', '--writing-kills', '1', '--loans', '1000', '--seed', '7'];
    // On a non-zero exit, the trials' own report (stdout) and any crash (stderr) say what was found.
    const { stdout } = await run(process.execPath, args, { cwd: root }).catch((err: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(`${err.message}\n--- stdout ---\n${err.stdout ?? ''}\n--- stderr ---\n${err.stderr ?? ''}`);
    });
    const rows = stdout
      .split('\n')
      .filter((line) => line.startsWith('| migrate |'))
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .map(([, , when, , killed, , , , , failures]) => ({ when, killed, failures }));
    expect(rows).toEqual([
      { when: 'anywhere (5–95 % of the run)', killed: '2', failures: '0' },
      { when: 'once writing, to the end', killed: '1', failures: '0' },
    ]);
  }, 120_000);
});
