import { closeAppContext, type AppContext, type AppContextOptions } from '../../../electron/backend/app-context';
import { residentIdCheckDigit } from '../../../electron/shared/resident-id';
import { signedInApp, type Call } from '../../helpers/signed-in-app';
import { readIds, type Ids } from '../assignment/assignment-fixture';

export const NOTICE_AS_OF = '2026-11-30';

export interface NoticeLoan {
  customerNo: string;
  name: string;
  village: '刘家会村' | '城庄村';
  loanNo: string;
  maturityOn: string;
  contractYuan: number;
  balanceYuan: number;
  overdueDays: number;
  interestYuan: number;
  guarantors: string;
  manager: string;
}

const id = (n: number) => {
  const first17 = `14112419700101${String(n).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
};

/**
 * Two villages. 刘家会村: 张大山 owes on N01 (45 days overdue, two guarantors) and has N02 falling
 * due within the week; 赵二 is 100 days overdue on N03 (no guarantor named); 钱六's N04 is sound.
 * 城庄村: 孙七 10 days overdue (one guarantor), 吴九 falling due 2026-12-08. "Today" is 2026-12-02.
 */
export const NOTICE_LOANS: NoticeLoan[] = [
  { customerNo: 'C01', name: '张大山', village: '刘家会村', loanNo: 'N01', maturityOn: '2026-10-16', contractYuan: 20000, balanceYuan: 12345.67, overdueDays: 45, interestYuan: 234.5, guarantors: '李四、王五', manager: '王经理' },
  { customerNo: 'C01', name: '张大山', village: '刘家会村', loanNo: 'N02', maturityOn: '2026-12-05', contractYuan: 10000, balanceYuan: 10000, overdueDays: 0, interestYuan: 0, guarantors: '', manager: '王经理' },
  { customerNo: 'C02', name: '赵二', village: '刘家会村', loanNo: 'N03', maturityOn: '2026-08-22', contractYuan: 50000, balanceYuan: 50000, overdueDays: 100, interestYuan: 1500, guarantors: '', manager: '王经理' },
  { customerNo: 'C03', name: '钱六', village: '刘家会村', loanNo: 'N04', maturityOn: '2027-06-30', contractYuan: 30000, balanceYuan: 30000, overdueDays: 0, interestYuan: 0, guarantors: '', manager: '王经理' },
  { customerNo: 'C04', name: '孙七', village: '城庄村', loanNo: 'N05', maturityOn: '2026-11-20', contractYuan: 8000, balanceYuan: 8000, overdueDays: 10, interestYuan: 80, guarantors: '周八', manager: '李经理' },
  { customerNo: 'C05', name: '吴九', village: '城庄村', loanNo: 'N06', maturityOn: '2026-12-08', contractYuan: 6000, balanceYuan: 6000, overdueDays: 0, interestYuan: 0, guarantors: '', manager: '李经理' },
];

export function noticeCsv(loans: readonly NoticeLoan[]): string {
  const header = '客户编号,借款人姓名,身份证号,住址,借据号,合同编号,放款日,到期日,合同金额,余额,本金逾期天数,欠息,担保人,客户经理';
  const lines = loans.map(
    (x, i) =>
      `${x.customerNo},${x.name},${id(Number(x.customerNo.slice(1)))},临县白文镇${x.village}1组,${x.loanNo},HT-${x.loanNo},2025-01-0${(i % 9) + 1},${x.maturityOn},${x.contractYuan},${x.balanceYuan},${x.overdueDays},${x.interestYuan},${x.guarantors},${x.manager}`,
  );
  return '\ufeff' + [header, ...lines].join('\r\n');
}

export async function importNoticeLoans(call: Call, loans: readonly NoticeLoan[] = NOTICE_LOANS, asOf = NOTICE_AS_OF): Promise<void> {
  const preview = await call('imports.preview', { fileName: `notices-${asOf}.csv`, contentBase64: Buffer.from(noticeCsv(loans), 'utf8').toString('base64') });
  await call('imports.commit', { previewId: preview.previewId, asOf, fullExport: true, confirmSettle: true });
}

export interface NoticeApp {
  app: AppContext;
  call: Call;
  token: string;
  ids: Ids;
  close: () => Promise<void>;
}

/** A signed-in admin over a file holding NOTICE_LOANS as of 2026-11-30. */
export async function noticeApp(file: string, opts: AppContextOptions = {}): Promise<NoticeApp> {
  const { app, call, token } = await signedInApp(file, opts);
  await importNoticeLoans(call);
  return { app, call, token, ids: await readIds(app), close: () => closeAppContext(app) };
}

/** Every notice's (kind, seq, status), in number order. */
export async function numbersInRegister(app: AppContext): Promise<Array<{ kind: string; seq: number; status: string; notice_no: string }>> {
  return app.db.selectFrom('notices').select(['kind', 'seq', 'status', 'notice_no']).orderBy('kind').orderBy('seq').execute();
}
