import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE } from '../../helpers/sample-files';
import { makeTempDir } from '../../helpers/temp-dir';
import { withEntry } from '../../corpus/zip';

const ROOT = new URL('../../..', import.meta.url).pathname;

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

/**
 * The real CLI in a process of its own (a crash must not take the test with it), killed after `limitMs`:
 * started as `npm run cli` starts it, through the launcher (which builds out/cli/ first if a source is newer).
 */
function cliProcess(argv: string[], limitMs: number): Promise<{ code: number | null; signal: string | null; stderr: string; ms: number }> {
  const started = Date.now();
  // A heap of 1 GB for the CLI, as on the branch's PC; the parse worker has its own limits.
  const child = spawn(process.execPath, ['--max-old-space-size=1024', 'electron/cli-launcher.mjs', ...argv], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, ms: Date.now() - started });
    }),
  );
}

describe('the CLI survives a damaged or crafted workbook and says what is wrong', () => {
  it('a cell beyond Excel’s last column (it died with “heap out of memory”)', async () => {
    const file = tmp.file('贷款台账.xlsx');
    writeFileSync(file, withEntry(readFileSync(SAMPLE.xlsx), 'xl/worksheets/sheet1.xml', (xml) => xml.replace('</sheetData>', '<row r="1083"><c r="ZZZZZZ1083"><v>1</v></c></row></sheetData>')));
    const run = await cliProcess(['import', file, '--db', tmp.file('ledger.sqlite')], 45_000);
    expect(run.stderr).not.toContain('FATAL ERROR');
    expect(run).toMatchObject({ code: 1, signal: null });
    expect(run.stderr).toContain('第 1083 行有超出 Excel 最后一列（XFD）的单元格');
  });

  it('a flipped byte that hung SheetJS’s inflater', async () => {
    const file = tmp.file('贷款台账.xlsx');
    const bytes = readFileSync(SAMPLE.xlsx);
    bytes[842] ^= 0xff;
    writeFileSync(file, bytes);
    const run = await cliProcess(['import', file, '--db', tmp.file('ledger.sqlite')], 30_000);
    expect(run).toMatchObject({ code: 1, signal: null });
    expect(run.stderr).toContain('文件已损坏');
  });
});
