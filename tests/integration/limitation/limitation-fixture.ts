import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import { daysBetween } from '../../../electron/shared/dates';
import type { NoticeKind } from '../../../electron/shared/notices';
import { signedInApp, signInAs, type Call } from '../../helpers/signed-in-app';

/** The two imports: repayments are read between them. Tests run with today 2026-12-02. */
export const FIRST_AS_OF = '2026-09-30';
export const SECOND_AS_OF = '2026-11-30';
/** The as-of date the lists are checked at: 180 days on is 2027-05-30. */
export const AS_OF = '2026-12-01';

export interface ClockLoan {
  loanNo: string;
  name: string;
  disbursedOn: string;
  maturityOn: string;
  /** Balance and interest owed in the first import, then in the second. */
  balanceYuan: [number, number];
  interestYuan: [number | null, number | null];
  manager: '王经理' | '李经理';
}

const loan = (loanNo: string, maturityOn: string, extra: Partial<ClockLoan> = {}): ClockLoan => ({
  loanNo,
  name: `户${loanNo.replace(/\W/g, '')}`,
  disbursedOn: '2021-03-01',
  maturityOn,
  balanceYuan: [10_000, 10_000],
  interestYuan: [300, 300],
  manager: '王经理',
  ...extra,
});

/**
 * One loan per rule (names say which); at AS_OF, with 180 days, 即将届满 is an end from
 * 2026-12-01 through 2027-05-30, 已届满 an end before 2026-12-01.
 */
export const LOANS: ClockLoan[] = [
  loan('T-MAT', '2024-03-10'),
  loan('T-LEAP', '2024-02-29'),
  loan('T-OLD', '2023-06-01'),
  loan('T-EDGE-0', '2023-12-01'),
  loan('T-EDGE-1', '2023-11-30'),
  loan('T-EDGE-180', '2024-05-30'),
  loan('T-EDGE-181', '2024-05-31'),
  loan('T-YOUNG', '2027-08-01'),
  loan('T-ACC', '2025-06-01', { manager: '李经理' }),
  loan('T-RCPT', '2023-05-01'),
  loan('T-GUAR', '2023-05-01'),
  loan('T-CONF', '2023-05-01'),
  loan('T-ACK', '2023-05-01'),
  loan('T-LEGAL', '2023-05-01'),
  loan('T-LATE', '2023-05-01'),
  loan('T-CANC', '2023-05-01'),
  loan('T-SENT', '2023-05-01'),
  loan('T-BEFORE', '2024-03-01'),
  loan('T-REPAY', '2023-05-01', { balanceYuan: [10_000, 9_500] }),
  loan('T-INT', '2023-05-01', { interestYuan: [300, 120] }),
  loan('T-UP', '2023-05-01', { balanceYuan: [10_000, 10_000], interestYuan: [300, 450] }),
  loan('T-PAY-PRE', '2026-12-15', { balanceYuan: [10_000, 9_000] }),
  loan('T-PAY-POST', '2026-10-15', { balanceYuan: [10_000, 9_000] }),
];

function csv(loans: readonly ClockLoan[], which: 0 | 1, asOf: string): string {
  const header = '客户编号,借款人姓名,住址,联系电话,借据号,放款日,余额,到期日,本金逾期天数,欠息,欠息天数,客户经理';
  const lines = loans.map((x, i) => {
    const overdue = Math.max(0, daysBetween(x.maturityOn, asOf));
    const interest = x.interestYuan[which];
    return `C${100 + i},${x.name},临县白文镇刘家会村2组,1380000${String(1000 + i)},${x.loanNo},${x.disbursedOn},${x.balanceYuan[which]},${x.maturityOn},${overdue},${interest ?? ''},${interest === null ? '' : overdue},${x.manager}`;
  });
  return '\ufeff' + [header, ...lines].join('\r\n');
}

async function importAt(call: Call, which: 0 | 1, asOf: string): Promise<void> {
  const preview = await call('imports.preview', { fileName: `核心导出-${asOf}.csv`, contentBase64: Buffer.from(csv(LOANS, which, asOf), 'utf8').toString('base64') });
  await call('imports.commit', { previewId: preview.previewId, asOf, fullExport: true, confirmSettle: true });
}

export interface NoticeRow {
  loanNo: string;
  kind: NoticeKind;
  issuedOn: string;
  receiptOn?: string | null;
  status?: 'issued' | 'cancelled';
}

export interface ClockApp {
  app: AppContext;
  call: Call;
  as: (displayName: string, role?: 'manager' | 'clerk') => Promise<Call>;
  loanId: (loanNo: string) => Promise<string>;
  /** Writes a notice as the notices feature stores one (numbered, in a batch): its number. */
  notice: (n: NoticeRow) => Promise<string>;
  close: () => Promise<void>;
}

let logins = 0;
let seq = 0;

/** A signed-in admin over a file holding LOANS imported as of FIRST_AS_OF, then SECOND_AS_OF. */
export async function clockApp(file: string): Promise<ClockApp> {
  const { app, call } = await signedInApp(file);
  await importAt(call as Call, 0, FIRST_AS_OF);
  await importAt(call as Call, 1, SECOND_AS_OF);
  const loanId = async (loanNo: string) => (await app.db.selectFrom('loans').select('id').where('loan_no', '=', loanNo).executeTakeFirstOrThrow()).id;
  const as = async (displayName: string, role: 'manager' | 'clerk' = 'clerk'): Promise<Call> => {
    const username = `user${++logins}`;
    const existing = await app.db.selectFrom('staff').select('id').where('display_name', '=', displayName).executeTakeFirst();
    if (existing) await call('staff.setLogin', { staffId: existing.id, username, password: 'pass-word-1' });
    else await call('staff.create', { username, displayName, password: 'pass-word-1', role });
    return signInAs(app, username);
  };
  const admin = await app.db.selectFrom('staff').select(['id', 'display_name']).where('role', '=', 'admin').executeTakeFirstOrThrow();
  // app.db read at each write, not once: perTestCopy points the app at each test's own copy.
  const write: ReturnType<typeof writerAs> = (fn) => writerAs(app.db, { id: admin.id, name: admin.display_name })(fn);
  const notice = async (n: NoticeRow) => {
    const l = await app.db.selectFrom('loans').select(['id', 'borrower_id']).where('loan_no', '=', n.loanNo).executeTakeFirstOrThrow();
    const number = ++seq;
    const noticeNo = `林家坪支行${n.kind === 'confirmation' ? '函' : '催'}字〔2026〕第${String(number).padStart(4, '0')}号`;
    await write(async (w) => {
      const batch = await w.insert('notice_batches', {
        kind: n.kind,
        year: 2026,
        scope: 'test',
        as_of: SECOND_AS_OF,
        notices: 1,
        first_no: noticeNo,
        last_no: noticeNo,
        status: 'printed',
        staff_id: admin.id,
      });
      const returned = n.receiptOn !== undefined && n.receiptOn !== null;
      await w.insert('notices', {
        batch_id: batch.id,
        kind: n.kind,
        year: 2026,
        seq: number,
        notice_no: noticeNo,
        scan_code: `T${number}`,
        loan_id: l.id,
        borrower_id: l.borrower_id,
        addressee: '收件人',
        addressee_role: n.kind === 'guarantor' ? 'guarantor' : 'borrower',
        as_of: SECOND_AS_OF,
        issued_on: n.issuedOn,
        figures_json: '{}',
        status: n.status ?? 'issued',
        delivery: returned ? 'returned' : 'sent',
        receipt_on: returned ? n.receiptOn! : null,
        staff_id: admin.id,
      });
    });
    return noticeNo;
  };
  return { app, call: call as Call, as, loanId, notice, close: () => closeAppContext(app) };
}

/** The events of every rule, recorded as staff and the notices feature would. */
export async function seedEvents(app: ClockApp) {
  const record = async (loanNo: string, kind: 'acceleration' | 'acknowledgement', eventOn: string, note = '') =>
    app.call('limitation.record', { loanId: await app.loanId(loanNo), kind, eventOn, note });
  await record('T-ACC', 'acceleration', '2024-01-15', '借款人挪用贷款');
  await record('T-ACK', 'acknowledgement', '2024-01-20', '还款承诺书');
  await app.call('legal.record', { loanId: await app.loanId('T-LEGAL'), stepOn: '2023-12-20', kind: 'lawsuit' });
  const numbers = {
    rcpt: await app.notice({ loanNo: 'T-RCPT', kind: 'overdue', issuedOn: '2024-02-01', receiptOn: '2024-02-10' }),
    guar: await app.notice({ loanNo: 'T-GUAR', kind: 'guarantor', issuedOn: '2024-03-01', receiptOn: '2024-03-05' }),
    conf: await app.notice({ loanNo: 'T-CONF', kind: 'confirmation', issuedOn: '2024-04-01', receiptOn: '2024-04-20' }),
    late: await app.notice({ loanNo: 'T-LATE', kind: 'overdue', issuedOn: '2026-11-20', receiptOn: '2026-12-02' }),
    canc: await app.notice({ loanNo: 'T-CANC', kind: 'overdue', issuedOn: '2024-02-01', receiptOn: '2024-02-10', status: 'cancelled' }),
    sent: await app.notice({ loanNo: 'T-SENT', kind: 'overdue', issuedOn: '2024-02-01' }),
    before: await app.notice({ loanNo: 'T-BEFORE', kind: 'confirmation', issuedOn: '2023-09-20', receiptOn: '2023-10-01' }),
  };
  return numbers;
}
