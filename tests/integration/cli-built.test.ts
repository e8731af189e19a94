import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli-in-process';
import { makeTempDir } from '../helpers/temp-dir';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../fixtures/sample-core-export.xlsx', import.meta.url));

/** The CLI as `npm run cli` starts it: the launcher, which builds out/cli/ first if a source is newer. */
function builtCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['electron/cli-launcher.mjs', ...argv], { cwd: ROOT }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: unknown }).code as number) : 0, stdout, stderr });
    });
  });
}

/** The CLI run in this process from source, as the other CLI tests run it. */
async function sourceCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await cli(...argv);
  return { code, stdout, stderr };
}

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  tmp = makeTempDir();
});
afterAll(() => tmp.cleanup());

describe('the built CLI answers as the CLI from source does', () => {
  it('prints the same usage, and the same error and exit code for a missing database', async () => {
    // The first start may build the CLI: it must print nothing of its own.
    expect(await builtCli()).toEqual(await sourceCli());
    const missing = ['backup', '--db', tmp.file('nope.sqlite'), '--out', tmp.file('x.sqlite'), '--json'];
    expect(await builtCli(...missing)).toEqual(await sourceCli(...missing));
  });

  it('imports the sample through its own parse worker, and reports the same', async () => {
    const [built, source] = ['built.sqlite', 'source.sqlite'].map((name) => tmp.file(name));
    const builtImport = await builtCli('import', SAMPLE, '--db', built, '--json');
    const sourceImport = await sourceCli('import', SAMPLE, '--db', source, '--json');
    expect(builtImport.code).toBe(0);
    expect(builtImport.stdout).toBe(sourceImport.stdout);
    const report = ['report', 'portfolio', '--json'];
    expect((await builtCli(...report, '--db', built)).stdout).toBe((await sourceCli(...report, '--db', source)).stdout);
  });
});
