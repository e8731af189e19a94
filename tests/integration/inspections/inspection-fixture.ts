import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { residentIdCheckDigit } from '../../../electron/shared/resident-id';
import { signedInApp, signInAs, type Call } from '../../helpers/signed-in-app';

/** One loan of a core export the inspection tests import. */
export interface InspectionLoan {
  loanNo: string;
  customerNo: string;
  name: string;
  village: '刘家会村' | '城庄村';
  product: string;
  guarantee: string;
  disbursedOn: string;
  overdueDays: number;
  riskClass: '正常' | '关注' | '次级' | '可疑' | '损失';
  manager: '王经理' | '李经理';
}

const loan = (
  loanNo: string,
  manager: InspectionLoan['manager'],
  product: string,
  guarantee: string,
  disbursedOn: string,
  overdueDays = 0,
  riskClass: InspectionLoan['riskClass'] = '正常',
): InspectionLoan => ({
  loanNo,
  customerNo: `C${loanNo}`,
  name: `户${loanNo}`,
  village: manager === '王经理' ? '刘家会村' : '城庄村',
  product,
  guarantee,
  disbursedOn,
  overdueDays,
  riskClass,
  manager,
});

const FARMER = '农户小额信用贷款';
const BUSINESS = '个人经营贷款';

/**
 * Three month-end full exports ("today" is 2026-12-02). The default rules: any loan first within
 * 30 days then every 6 months; 个人经营贷款 first within 15 days then every 3 months.
 */
export const SEP_30: InspectionLoan[] = [
  // Disbursed this month: first task 30 days on (2026-10-10).
  loan('I01', '王经理', FARMER, '信用', '2026-09-10'),
  // A business loan: first within 15 days (2026-10-05).
  loan('I02', '王经理', BUSINESS, '保证', '2026-09-20'),
  // Within one routine period (6 months) of the as-of date: a first task, overdue since 2026-05-31.
  loan('I03', '李经理', '安心贷', '抵押', '2026-05-01'),
  // On the books long before the app: a routine task due 30 days after the import (2026-10-30).
  loan('I04', '李经理', FARMER, '信用', '2024-03-01'),
  // A business loan older than its 3-month routine period: routine, due 2026-10-30.
  loan('I05', '李经理', BUSINESS, '保证+抵押', '2026-06-15'),
  loan('I06', '王经理', FARMER, '保证', '2026-09-01'),
];

export const OCT_31: InspectionLoan[] = [
  loan('I01', '王经理', FARMER, '信用', '2026-09-10'),
  loan('I02', '王经理', BUSINESS, '保证', '2026-09-20'),
  // Class worsened 正常 → 关注: an ad-hoc task.
  loan('I03', '李经理', '安心贷', '抵押', '2026-05-01', 0, '关注'),
  // I04 is missing from the full export: settled, its open task cancelled.
  loan('I05', '李经理', BUSINESS, '保证+抵押', '2026-06-15'),
  // Became overdue: an ad-hoc task.
  loan('I06', '王经理', FARMER, '保证', '2026-09-01', 12),
  // New: first task 2026-11-19.
  loan('I07', '王经理', FARMER, '信用', '2026-10-20'),
];

export const NOV_30: InspectionLoan[] = [
  loan('I01', '王经理', FARMER, '信用', '2026-09-10'),
  loan('I02', '王经理', BUSINESS, '保证', '2026-09-20'),
  loan('I03', '李经理', '安心贷', '抵押', '2026-05-01', 0, '关注'),
  // Became overdue (an ad-hoc task) after its first inspection.
  loan('I05', '李经理', BUSINESS, '保证+抵押', '2026-06-15', 5),
  // Worse again, but its ad-hoc task is still open: no second one.
  loan('I06', '王经理', FARMER, '保证', '2026-09-01', 42, '次级'),
  loan('I07', '王经理', FARMER, '信用', '2026-10-20'),
];

const residentId = (n: number) => {
  const first17 = `14112419700101${String(n).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
};

export function inspectionCsv(loans: readonly InspectionLoan[]): string {
  const header = '客户编号,借款人姓名,身份证号,住址,借据号,合同编号,产品名称,担保类型,放款日,到期日,合同金额,余额,本金逾期天数,五级分类,客户经理';
  const lines = loans.map(
    (x) =>
      `${x.customerNo},${x.name},${residentId(Number(x.loanNo.slice(1)))},临县白文镇${x.village}1组,${x.loanNo},HT-${x.loanNo},${x.product},${x.guarantee},${x.disbursedOn},2028-12-31,20000,20000,${x.overdueDays},${x.riskClass},${x.manager}`,
  );
  return '\ufeff' + [header, ...lines].join('\r\n');
}

export async function importLoans(call: Call, loans: readonly InspectionLoan[], asOf: string): Promise<void> {
  const preview = await call('imports.preview', { fileName: `loans-${asOf}.csv`, contentBase64: Buffer.from(inspectionCsv(loans), 'utf8').toString('base64') });
  await call('imports.commit', { previewId: preview.previewId, asOf, fullExport: true, confirmSettle: true });
}

export interface TaskRow {
  loanNo: string;
  kind: string;
  dueOn: string;
  status: string;
  reason: string;
}

export interface InspectionApp {
  app: AppContext;
  /** The admin. */
  call: Call;
  /** Calls as a staff member, given a login first (an import's account managers have none). */
  login: (name: string, username: string, role?: 'manager' | 'clerk' | 'reviewer' | 'head') => Promise<Call>;
  loanId: (loanNo: string) => Promise<string>;
  /** Every task, by loan number, due date and kind. */
  tasks: () => Promise<TaskRow[]>;
  close: () => Promise<void>;
}

export async function inspectionApp(file: string): Promise<InspectionApp> {
  const { app, call } = await signedInApp(file);
  const login: InspectionApp['login'] = async (name, username, role = 'manager') => {
    const existing = await app.db.selectFrom('staff').select('id').where('display_name', '=', name).executeTakeFirst();
    if (existing) await call('staff.setLogin', { staffId: existing.id, username, password: 'pass-word-1' });
    else await call('staff.create', { username, displayName: name, password: 'pass-word-1', role });
    return signInAs(app, username);
  };
  const loanId = async (loanNo: string) => (await app.db.selectFrom('loans').select('id').where('loan_no', '=', loanNo).executeTakeFirstOrThrow()).id;
  const tasks = async () =>
    app.db
      .selectFrom('inspection_tasks as t')
      .innerJoin('loans as l', 'l.id', 't.loan_id')
      .select(['l.loan_no as loanNo', 't.kind', 't.due_on as dueOn', 't.status', 't.reason'])
      .orderBy('l.loan_no')
      .orderBy('t.due_on')
      .orderBy('t.kind')
      .execute();
  return { app, call, login, loanId, tasks, close: () => closeAppContext(app) };
}

/** Findings that answer a farmer credit loan's template (no guarantor, no collateral). */
export const FARMER_FINDINGS = { fundsAsAgreed: true, operatingNormal: true, householdStable: true };
