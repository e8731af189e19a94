import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../fixtures/sample-core-export.xlsx', import.meta.url));

/** The CLI as `npm run cli` starts it (the launcher, building out/cli/ first if a source is newer). */
function builtCli(argv: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string; json: any }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['electron/cli-launcher.mjs', ...argv], { cwd: ROOT }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: unknown }).code as number) : 0;
      resolve({ code, stdout, stderr, json: argv.includes('--json') && stdout ? JSON.parse(stdout) : null });
    });
    child.stdin?.end(stdin ?? '');
  });
}

let tmp: ReturnType<typeof makeTempDir>;
let db: string;
beforeAll(async () => {
  tmp = makeTempDir();
  db = tmp.file('ledger.sqlite');
  expect((await builtCli(['import', SAMPLE, '--db', db, '--json'])).code).toBe(0);
});
afterAll(() => tmp.cleanup());

// The built CLI loads ExcelJS, bwip-js, age-encryption, yazl and the PDF renderer only in the
// commands that use them (lazy-packages.ts, import() at the point of use): each such command still works.
describe('the built CLI loads heavy packages where a command needs them', () => {
  it('writes a village register as .xlsx (ExcelJS) that reads back with its loans', async () => {
    const out = tmp.file('register.xlsx');
    const done = await builtCli(['export', 'register', '--db', db, '--village', '刘家会村', '--out', out, '--json']);
    expect(done.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(done.json.loans).toBeGreaterThan(0);
    // Title, note and header rows, then at least a row per loan.
    expect(book.worksheets[0].rowCount).toBeGreaterThan(done.json.loans + 3);
  });

  it('issues notices with barcodes into one PDF (bwip-js, Chromium)', async () => {
    const out = tmp.file('notices.pdf');
    const done = await builtCli(['notices', 'issue', '--db', db, '--type', 'overdue', '--village', '刘家会村', '--out', out, '--json']);
    expect(done.code).toBe(0);
    expect(done.json.issued).toBeGreaterThan(0);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('pairs with head office and writes a sync package (age-encryption, yazl)', async () => {
    const hqDir = tmp.file('hq');
    const init = await builtCli(['hq', 'init', '--dir', hqDir, '--json']);
    expect(init.code).toBe(0);
    const setup = await builtCli(['setup', '--db', db, '--branch-code', '880110', '--branch-name', '白文支行', '--admin', 'admin', '--password-stdin', '--json'], 'admin-pass-1\n');
    expect(setup.code).toBe(0);
    const paired = await builtCli(['sync', 'pair', '--db', db, '--hq-identity', init.json.identity, '--out', tmp.file('branch-identity.json'), '--json']);
    expect(paired.code).toBe(0);
    const exported = await builtCli(['sync', 'export', '--db', db, '--out', tmp.file('usb'), '--json']);
    expect(exported.code).toBe(0);
    expect(existsSync(exported.json.package)).toBe(true);
    expect(readFileSync(exported.json.package).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
