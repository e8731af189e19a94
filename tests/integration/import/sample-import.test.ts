import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/backend/cli/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';
import { expectedFor, SAMPLE } from '../../helpers/sample-files';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

async function cliJson(...argv: string[]): Promise<any> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...argv, '--json'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  if (code !== 0) throw new Error(`cli ${argv.join(' ')} exited ${code}: ${stderr}`);
  return JSON.parse(stdout);
}

describe.each(['csv', 'xlsx', 'xls'] as const)('importing the sample core-system export (.%s)', (format) => {
  const expected = expectedFor(format);

  it('gives exactly the expected figures, and a second import changes nothing', async () => {
    const db = tmp.file('ledger.sqlite');
    const first = await cliJson('import', SAMPLE[format], '--db', db, '--as-of', '2026-10-31');
    expect(Object.keys(first)).toEqual(['rowsRead', 'accepted', 'inserted', 'updated', 'unchanged', 'duplicates', 'settled', 'rejected', 'warnings']);
    expect(first.rowsRead).toBe(expected.rows_in_file);
    expect(first.accepted).toBe(expected.accepted_loans);
    expect(first.inserted).toBe(expected.accepted_loans);
    expect(first.updated).toBe(0);
    expect(first.duplicates).toBe(expected.duplicates_exact);
    expect(first.rejected.map((r: { row: number }) => r.row)).toEqual(expected.rejected.map((r) => r.row));
    for (const r of first.rejected) expect(Object.keys(r)).toEqual(['row', 'reason']);
    expect(first.rejected[0].reason).toContain('借据号');
    expect(first.rejected[1].reason).toContain('余额');
    const idWarnings = first.warnings.filter((w: { field: string }) => w.field === 'residentId').map((w: { row: number }) => w.row);
    expect(idWarnings).toEqual(expected.warnings_id);

    const report = await cliJson('report', 'portfolio', '--db', db);
    expect(report.loans).toBe(expected.accepted_loans);
    expect(report.borrowers).toBe(expected.borrowers);
    expect(report.balanceFen).toBe(expected.total_balance_cents);
    expect(report.overdueLoans).toBe(expected.overdue_loans);
    const perVillage = Object.fromEntries(report.villages.map((v: { village: string; loans: number }) => [v.village, v.loans]));
    expect(perVillage).toEqual(expected.villages);

    const second = await cliJson('import', SAMPLE[format], '--db', db, '--as-of', '2026-10-31');
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: expected.accepted_loans });
  });
});

describe('importing the same branch from different formats', () => {
  it('recognises every loan and borrower again, whatever the format', async () => {
    const db = tmp.file('ledger.sqlite');
    await cliJson('import', SAMPLE.xlsx, '--db', db);
    const fromCsv = await cliJson('import', SAMPLE.csv, '--db', db, '--as-of', '2026-10-31');
    expect(fromCsv).toMatchObject({ inserted: 0, updated: 0 });
    const report = await cliJson('report', 'portfolio', '--db', db);
    expect(report.borrowers).toBe(expectedFor('csv').borrowers);
  });
});
