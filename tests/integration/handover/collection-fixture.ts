import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { signedInApp, signInAs } from '../../helpers/signed-in-app';

/** The register's data date of the small branch (tests run with today 2026-12-02). */
export const AS_OF = '2026-11-30';

export interface FixtureLoan {
  customerNo: string;
  name: string;
  village: '刘家会村' | '城庄村';
  phone: string;
  loanNo: string;
  balanceYuan: number;
  maturityOn: string;
  principalDays: number;
  interestYuan: number | null;
  interestDays: number | null;
  manager: '王经理' | '李经理';
}

const l = (
  customerNo: string,
  name: string,
  village: FixtureLoan['village'],
  loanNo: string,
  balanceYuan: number,
  maturityOn: string,
  principalDays: number,
  interestYuan: number | null,
  interestDays: number | null,
  manager: FixtureLoan['manager'],
): FixtureLoan => ({ customerNo, name, village, phone: `1380000${customerNo.slice(1).padStart(4, '0')}`, loanNo, balanceYuan, maturityOn, principalDays, interestYuan, interestDays, manager });

/**
 * Seven households in two villages, as of AS_OF:
 * - on the 待移交 list: H01 (principal 45 days), H02 (120 days, also 诉讼准备), H03 (interest 95 days
 *   only), H07 (200 days, also 诉讼准备);
 * - overdue but not for hand-over: H04 (29 days); maturing within 7 days: H05; on no list: H06.
 * H08 is a second loan of 王大's household, on no list.
 */
export const LOANS: FixtureLoan[] = [
  l('C01', '王大', '刘家会村', 'H01', 10_000, '2026-10-16', 45, 120.5, 45, '王经理'),
  l('C02', '赵二', '刘家会村', 'H02', 8_000, '2026-08-02', 120, 300, 120, '王经理'),
  l('C03', '孙三', '城庄村', 'H03', 5_000, '2027-05-01', 0, 88, 95, '李经理'),
  l('C04', '李四', '刘家会村', 'H04', 6_000, '2026-11-01', 29, 50, 29, '李经理'),
  l('C05', '陈五', '刘家会村', 'H05', 7_000, '2026-12-03', 0, null, null, '王经理'),
  l('C06', '周六', '刘家会村', 'H06', 9_000, '2028-01-01', 0, null, null, '王经理'),
  l('C07', '吴七', '城庄村', 'H07', 4_000, '2026-05-14', 200, 210, 200, '李经理'),
  l('C01', '王大', '刘家会村', 'H08', 3_000, '2028-06-01', 0, null, null, '王经理'),
];

export const loanByNo = (no: string): FixtureLoan => LOANS.find((x) => x.loanNo === no)!;

function csv(loans: readonly FixtureLoan[]): string {
  const header = '客户编号,借款人姓名,住址,联系电话,借据号,余额,到期日,本金逾期天数,欠息,欠息天数,客户经理';
  const lines = loans.map(
    (x) =>
      `${x.customerNo},${x.name},临县白文镇${x.village}2组,${x.phone},${x.loanNo},${x.balanceYuan},${x.maturityOn},${x.principalDays},${x.interestYuan ?? ''},${x.interestDays ?? ''},${x.manager}`,
  );
  return '\ufeff' + [header, ...lines].join('\r\n');
}

export type Call = (name: string, args?: unknown) => Promise<any>;

export interface CollectionApp {
  app: AppContext;
  call: Call;
  /** Signs in as a staff member (an existing one by display name gets a login; otherwise a new one with `role`). */
  as: (displayName: string, role?: 'manager' | 'clerk' | 'head' | 'reviewer') => Promise<Call>;
  loanId: (loanNo: string) => Promise<string>;
  close: () => Promise<void>;
}

/** Imports `loans` as a full export dated `asOf`. */
export async function importLoans(call: Call, loans: readonly FixtureLoan[], asOf: string): Promise<void> {
  const preview = (await call('imports.preview', { fileName: `branch-${asOf}.csv`, contentBase64: Buffer.from(csv(loans), 'utf8').toString('base64') })) as { previewId: string };
  await call('imports.commit', { previewId: preview.previewId, asOf, fullExport: true, confirmSettle: true });
}

let logins = 0;

/** A signed-in admin over a file holding LOANS imported as of AS_OF. */
export async function collectionApp(file: string): Promise<CollectionApp> {
  const { app, call } = await signedInApp(file);
  await importLoans(call as Call, LOANS, AS_OF);
  const as = async (displayName: string, role: 'manager' | 'clerk' | 'head' | 'reviewer' = 'clerk'): Promise<Call> => {
    const username = `user${++logins}`;
    const existing = await app.db.selectFrom('staff').select('id').where('display_name', '=', displayName).executeTakeFirst();
    if (existing) await call('staff.setLogin', { staffId: existing.id, username, password: 'pass-word-1' });
    else await call('staff.create', { username, displayName, password: 'pass-word-1', role });
    return signInAs(app, username);
  };
  const loanId = async (loanNo: string) => (await app.db.selectFrom('loans').select('id').where('loan_no', '=', loanNo).executeTakeFirstOrThrow()).id;
  return { app, call: call as Call, as, loanId, close: () => closeAppContext(app) };
}
