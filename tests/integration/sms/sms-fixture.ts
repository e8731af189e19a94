import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { signedInApp, signInAs } from '../../helpers/signed-in-app';
import { readIds, type Call, type Ids } from '../assignment/assignment-fixture';

/** The register's data date of the SMS branch (tests run with today 2026-12-02). */
export const SMS_AS_OF = '2026-11-30';

export interface SmsLoan {
  customerNo: string;
  name: string;
  loanNo: string;
  balanceYuan: number;
  maturityOn: string;
  overdueDays: number;
  interestYuan: number | null;
  manager: string;
  phones: string;
}

/**
 * Overdue loans whose borrowers have a mobile, no phone, only a landline, a landline then a
 * mobile, and a number that is no phone; two due within 7 days; managers 王经理 and 李经理.
 */
export const SMS_LOANS: SmsLoan[] = [
  { customerNo: 'S01', name: '张甲', loanNo: 'OD-MOBILE', balanceYuan: 10_000, maturityOn: '2026-10-16', overdueDays: 45, interestYuan: 300.5, manager: '王经理', phones: '13800138001' },
  { customerNo: 'S02', name: '李乙', loanNo: 'OD-NOPHONE', balanceYuan: 5_000, maturityOn: '2026-11-20', overdueDays: 10, interestYuan: null, manager: '王经理', phones: '' },
  { customerNo: 'S03', name: '王丙', loanNo: 'OD-LANDLINE', balanceYuan: 8_000, maturityOn: '2026-08-22', overdueDays: 100, interestYuan: 120, manager: '李经理', phones: '0358-1234567' },
  { customerNo: 'S04', name: '赵丁', loanNo: 'OD-SECOND', balanceYuan: 6_000, maturityOn: '2026-05-14', overdueDays: 200, interestYuan: null, manager: '李经理', phones: '0358-7654321/13900139004' },
  { customerNo: 'S05', name: '钱戊', loanNo: 'OD-INVALID', balanceYuan: 3_000, maturityOn: '2026-11-25', overdueDays: 5, interestYuan: null, manager: '王经理', phones: '12345' },
  { customerNo: 'S06', name: '孙己', loanNo: 'DUE-3', balanceYuan: 20_000, maturityOn: '2026-12-03', overdueDays: 0, interestYuan: null, manager: '王经理', phones: '13700137006' },
  { customerNo: 'S07', name: '周庚', loanNo: 'DUE-7', balanceYuan: 7_000, maturityOn: '2026-12-07', overdueDays: 0, interestYuan: null, manager: '李经理', phones: '15000150007' },
  { customerNo: 'S08', name: '吴辛', loanNo: 'FAR', balanceYuan: 9_000, maturityOn: '2028-01-01', overdueDays: 0, interestYuan: null, manager: '王经理', phones: '15100151008' },
];

function csv(loans: readonly SmsLoan[]): string {
  const header = '客户编号,借款人姓名,住址,借据号,余额,到期日,本金逾期天数,欠息天数,欠息,客户经理,手机号';
  const lines = loans.map(
    (l) =>
      `${l.customerNo},${l.name},临县白文镇刘家会村1组,${l.loanNo},${l.balanceYuan},${l.maturityOn},${l.overdueDays},${l.interestYuan === null ? '' : l.overdueDays},${l.interestYuan ?? ''},${l.manager},${l.phones}`,
  );
  return '\ufeff' + [header, ...lines].join('\r\n');
}

export interface SmsApp {
  app: AppContext;
  call: Call;
  as: (username: string) => Promise<Call>;
  ids: Ids;
  close: () => Promise<void>;
}

/** A signed-in admin over a file holding SMS_LOANS imported as of SMS_AS_OF; 王经理 can sign in as wang, a clerk as clerk. */
export async function smsApp(file: string): Promise<SmsApp> {
  const { app, call } = await signedInApp(file);
  const preview: any = await call('imports.preview', { fileName: `sms-${SMS_AS_OF}.csv`, contentBase64: Buffer.from(csv(SMS_LOANS), 'utf8').toString('base64') });
  await call('imports.commit', { previewId: preview.previewId, asOf: SMS_AS_OF, fullExport: true, confirmSettle: true });
  await call('staff.setLogin', { staffId: (await readIds(app)).staff('王经理'), username: 'wang', password: 'pass-word-1' });
  await call('staff.create', { username: 'clerk', displayName: '内勤甲', password: 'pass-word-1', role: 'clerk' });
  const ids = await readIds(app);
  const as = async (username: string): Promise<Call> => {
    return signInAs(app, username);
  };
  return { app, call: call as Call, as, ids, close: () => closeAppContext(app) };
}
