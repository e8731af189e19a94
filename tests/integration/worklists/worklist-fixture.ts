import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { signedInApp } from '../../helpers/signed-in-app';

/** The register's data date of the edge-case branch (tests run with today 2026-12-02). */
export const EDGE_AS_OF = '2026-11-30';

/** One loan of the edge-case branch: what makes it an edge case, and where it must (not) appear. */
export interface EdgeLoan {
  loanNo: string;
  maturityOn: string;
  principalDays: number;
  interestDays: number | null;
  manager: string;
  village: '刘家会村' | '城庄村';
  balanceYuan: number;
}

const loan = (loanNo: string, maturityOn: string, principalDays: number, interestDays: number | null, i: number): EdgeLoan => ({
  loanNo,
  maturityOn,
  principalDays,
  interestDays,
  manager: ['王经理', '李经理', ''][i % 3],
  village: i % 2 === 0 ? '刘家会村' : '城庄村',
  balanceYuan: 10_000 + i * 1_111,
});

/**
 * Loans at the edges of every rule, as of EDGE_AS_OF: maturity on the as-of date, 7 and 8 days
 * later, the day before; principal overdue 29, 30, 31, 90, 91, 180, 181, 360, 361 days; interest
 * overdue 89 and 90 days; a loan falling due inside the window but already overdue on an
 * instalment. Managers 王经理, 李经理 and none; two villages.
 */
export const EDGE_LOANS: EdgeLoan[] = [
  ['E-DUE-0', '2026-11-30', 0, null],
  ['E-DUE-7', '2026-12-07', 0, null],
  ['E-DUE-8', '2026-12-08', 0, null],
  ['E-DUE-MINUS-1', '2026-11-29', 1, null],
  ['E-DUE-3-INSTALMENT-OVERDUE', '2026-12-03', 5, 5],
  ['E-OD-29', '2026-11-01', 29, 29],
  ['E-OD-30', '2026-10-31', 30, 30],
  ['E-OD-31', '2026-10-30', 31, 31],
  ['E-OD-90', '2026-09-01', 90, 90],
  ['E-OD-91', '2026-08-31', 91, 91],
  ['E-OD-180', '2026-06-03', 180, 180],
  ['E-OD-181', '2026-06-02', 181, 181],
  ['E-OD-360', '2025-12-05', 360, 360],
  ['E-OD-361', '2025-12-04', 361, 361],
  ['E-INT-89', '2027-06-30', 0, 89],
  ['E-INT-90', '2027-06-30', 0, 90],
  ['E-FAR', '2028-01-01', 0, null],
].map(([no, maturity, p, i], index) => loan(no as string, maturity as string, p as number, i as number | null, index));

/** Overdue 100 days in the first export, missing from the second: settled, on no list. */
export const SETTLED_LOAN = loan('E-SETTLED', '2026-08-22', 100, 100, EDGE_LOANS.length);

function csv(loans: EdgeLoan[]): string {
  const header = '客户编号,借款人姓名,住址,借据号,余额,到期日,本金逾期天数,欠息天数,客户经理';
  const lines = loans.map(
    (l, i) => `C${700000 + i},借款人${l.loanNo.replace(/\W/g, '')},临县白文镇${l.village}${(i % 5) + 1}组,${l.loanNo},${l.balanceYuan},${l.maturityOn},${l.principalDays},${l.interestDays ?? ''},${l.manager}`,
  );
  return '\ufeff' + [header, ...lines].join('\r\n');
}

async function importCsv(call: (name: string, args?: unknown) => Promise<any>, text: string, asOf: string): Promise<void> {
  const preview = await call('imports.preview', { fileName: `edge-${asOf}.csv`, contentBase64: Buffer.from(text, 'utf8').toString('base64') });
  await call('imports.commit', { previewId: preview.previewId, asOf, fullExport: true, confirmSettle: true });
}

/**
 * A signed-in app over a file holding the edge-case branch: imported on the day before (with
 * SETTLED_LOAN), then on EDGE_AS_OF without it, so it is settled.
 */
export async function edgeCaseApp(file: string): Promise<{ app: AppContext; call: (name: string, args?: unknown) => Promise<any>; close: () => Promise<void> }> {
  const { app, call } = await signedInApp(file);
  await importCsv(call, csv([...EDGE_LOANS, SETTLED_LOAN]), '2026-11-29');
  await importCsv(call, csv(EDGE_LOANS), EDGE_AS_OF);
  return { app, call, close: () => closeAppContext(app) };
}
