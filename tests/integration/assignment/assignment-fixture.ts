import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { signedInApp, signInAs } from '../../helpers/signed-in-app';

/** One loan of the small branch the assignment tests work on. */
export interface BranchLoan {
  customerNo: string;
  name: string;
  village: '刘家会村' | '城庄村' | '高家村';
  loanNo: string;
  balanceYuan: number;
  overdueDays: number;
  riskClass: '正常' | '关注' | '次级' | '可疑' | '损失';
  manager: string;
}

const l = (customerNo: string, village: BranchLoan['village'], loanNo: string, balanceYuan: number, overdueDays: number, riskClass: BranchLoan['riskClass'], manager: string): BranchLoan => ({
  customerNo,
  name: `户${customerNo}`,
  village,
  loanNo,
  balanceYuan,
  overdueDays,
  riskClass,
  manager,
});

/**
 * Three villages, nine households, thirteen loans; 王经理 has 刘家会村, 李经理 城庄村 and
 * 高家村 is split (one household's two loans under two managers); one loan names nobody.
 */
export const BRANCH: BranchLoan[] = [
  l('C01', '刘家会村', 'L01', 10_000, 0, '正常', '王经理'),
  l('C01', '刘家会村', 'L02', 5_000, 45, '次级', '王经理'),
  l('C02', '刘家会村', 'L03', 20_000, 0, '正常', '王经理'),
  l('C03', '刘家会村', 'L04', 8_000, 120, '可疑', '王经理'),
  l('C04', '刘家会村', 'L05', 3_000, 0, '关注', '王经理'),
  l('C05', '城庄村', 'L06', 30_000, 0, '正常', '李经理'),
  l('C06', '城庄村', 'L07', 12_000, 10, '关注', '李经理'),
  l('C06', '城庄村', 'L08', 6_000, 400, '损失', '李经理'),
  l('C07', '城庄村', 'L09', 9_000, 0, '正常', '李经理'),
  l('C08', '高家村', 'L10', 15_000, 0, '正常', '王经理'),
  l('C08', '高家村', 'L11', 4_000, 0, '正常', '张经理'),
  l('C09', '高家村', 'L12', 7_000, 20, '正常', '张经理'),
  l('C09', '高家村', 'L13', 2_000, 0, '正常', ''),
];

export const BRANCH_TOTALS = {
  households: 9,
  loans: BRANCH.length,
  balanceFen: BRANCH.reduce((s, x) => s + x.balanceYuan * 100, 0),
  overdueBalanceFen: BRANCH.filter((x) => x.overdueDays > 0).reduce((s, x) => s + x.balanceYuan * 100, 0),
  nonPerformingBalanceFen: BRANCH.filter((x) => ['次级', '可疑', '损失'].includes(x.riskClass)).reduce((s, x) => s + x.balanceYuan * 100, 0),
};

export function branchCsv(loans: readonly BranchLoan[]): string {
  const header = '客户编号,借款人姓名,住址,借据号,余额,本金逾期天数,五级分类,客户经理';
  const lines = loans.map((x) => `${x.customerNo},${x.name},临县白文镇${x.village}1组,${x.loanNo},${x.balanceYuan},${x.overdueDays},${x.riskClass},${x.manager}`);
  return '\ufeff' + [header, ...lines].join('\r\n');
}

export type Call = (name: string, args?: unknown) => Promise<any>;

export async function importBranch(call: Call, loans: readonly BranchLoan[], asOf: string, fullExport = true): Promise<void> {
  const preview = await call('imports.preview', { fileName: `branch-${asOf}.csv`, contentBase64: Buffer.from(branchCsv(loans), 'utf8').toString('base64') });
  await call('imports.commit', { previewId: preview.previewId, asOf, fullExport, confirmSettle: true });
}

export interface BranchApp {
  app: AppContext;
  call: Call;
  /** Calls as another staff member (a login made for them). */
  as: (username: string) => Promise<Call>;
  ids: Ids;
  close: () => Promise<void>;
}

export interface Ids {
  staff: (name: string) => string;
  village: (name: string) => string;
  borrower: (customerNo: string) => string;
  loan: (loanNo: string) => string;
}

export async function readIds(app: AppContext): Promise<Ids> {
  const staff = await app.db.selectFrom('staff').select(['id', 'display_name']).execute();
  const villages = await app.db.selectFrom('villages').select(['id', 'name']).execute();
  const borrowers = await app.db.selectFrom('borrowers').select(['id', 'customer_no']).execute();
  const loans = await app.db.selectFrom('loans').select(['id', 'loan_no']).execute();
  const find = <T>(rows: T[], key: (r: T) => unknown, id: (r: T) => string, what: string) => (k: string) => {
    const row = rows.find((r) => key(r) === k);
    if (!row) throw new Error(`no ${what} ${k}`);
    return id(row);
  };
  return {
    staff: find(staff, (r) => r.display_name, (r) => r.id, 'staff'),
    village: find(villages, (r) => r.name, (r) => r.id, 'village'),
    borrower: find(borrowers, (r) => r.customer_no, (r) => r.id, 'borrower'),
    loan: find(loans, (r) => r.loan_no, (r) => r.id, 'loan'),
  };
}

/** A signed-in admin over a file holding BRANCH imported as of 2026-11-30. */
export async function branchApp(file: string): Promise<BranchApp> {
  const { app, call } = await signedInApp(file);
  await importBranch(call, BRANCH, '2026-11-30');
  const as = async (username: string): Promise<Call> => {
    return signInAs(app, username);
  };
  return { app, call, as, ids: await readIds(app), close: () => closeAppContext(app) };
}

/** Current manager's name of every active loan, by loan number ('' for none). */
export async function currentManagers(app: AppContext): Promise<Record<string, string>> {
  const rows = await app.db
    .selectFrom('loans as l')
    .leftJoin('current_loan_managers as a', 'a.loan_id', 'l.id')
    .leftJoin('staff as s', 's.id', 'a.manager_id')
    .select(['l.loan_no', 's.display_name'])
    .where('l.status', '=', 'active')
    .orderBy('l.loan_no')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.loan_no, r.display_name ?? '']));
}

/** The load table's rows add up to its 合计 row, and the 合计 row is the branch's. */
export function sumRows(rows: Array<Record<string, unknown>>) {
  const keys = ['households', 'loans', 'balanceFen', 'overdueBalanceFen', 'nonPerformingBalanceFen'] as const;
  return Object.fromEntries(keys.map((k) => [k, rows.reduce((s, r) => s + (r[k] as number), 0)]));
}
