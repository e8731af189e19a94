import { staffApp, type StaffApp } from '../targets/targets-fixture';
import type { Call } from '../assignment/assignment-fixture';

/** One loan in one import: what the early-warning signals read. */
export interface HistoryLoan {
  customerNo: string;
  loanNo: string;
  manager: string;
  balanceYuan: number;
  overdueDays: number;
  riskClass: '正常' | '关注' | '次级' | '可疑' | '损失';
  interestOwedYuan: number;
  maturityOn: string;
}

const HEADER = '客户编号,借款人姓名,住址,借据号,余额,本金逾期天数,五级分类,客户经理,到期日,欠息';

export function historyCsv(loans: readonly HistoryLoan[]): string {
  const lines = loans.map(
    (x) => `${x.customerNo},户${x.customerNo},临县白文镇刘家会村1组,${x.loanNo},${x.balanceYuan},${x.overdueDays},${x.riskClass},${x.manager},${x.maturityOn},${x.interestOwedYuan}`,
  );
  return '\ufeff' + [HEADER, ...lines].join('\r\n');
}

export async function importHistory(call: Call, loans: readonly HistoryLoan[], asOf: string): Promise<void> {
  const preview = await call('imports.preview', { fileName: `history-${asOf}.csv`, contentBase64: Buffer.from(historyCsv(loans), 'utf8').toString('base64') });
  await call('imports.commit', { previewId: preview.previewId, asOf, fullExport: true, confirmSettle: true });
}

type Figures = [balanceYuan: number, overdueDays: number, riskClass: HistoryLoan['riskClass'], interestOwedYuan: number];

/** A loan's figures per import (null: not in that file, i.e. settled by the full export). */
interface Story {
  customerNo: string;
  loanNo: string;
  manager: string;
  maturityOn: string;
  figures: Array<Figures | null>;
}

export const DATES = ['2026-08-31', '2026-09-30', '2026-10-31'] as const;
export const NEXT = '2026-11-30';

/**
 * Three monthly imports of a small branch, each loan telling one story; the hand count of what
 * the signals at 2026-10-31 are is in EXPECTED.
 */
export const STORIES: Story[] = [
  // 分类下调: 正常 on 09-30, 关注 on 10-31.
  { customerNo: 'C1', loanNo: 'W1', manager: '王经理', maturityOn: '2027-06-30', figures: [[10_000, 0, '正常', 0], [10_000, 0, '正常', 0], [10_000, 0, '关注', 0]] },
  // 欠息连续增加: 100 → 200 → 300.
  { customerNo: 'C2', loanNo: 'W2', manager: '王经理', maturityOn: '2027-06-30', figures: [[20_000, 0, '正常', 100], [20_000, 0, '正常', 200], [20_000, 0, '正常', 300]] },
  // 首次逾期: 0, 0, 15 days.
  { customerNo: 'C3', loanNo: 'W3', manager: '李经理', maturityOn: '2027-06-30', figures: [[8_000, 0, '正常', 0], [8_000, 0, '正常', 0], [8_000, 15, '正常', 0]] },
  // 到期未还: matured 10-15, still owing on 10-31.
  { customerNo: 'C4', loanNo: 'W4', manager: '李经理', maturityOn: '2026-10-15', figures: [[5_000, 0, '正常', 0], [5_000, 0, '正常', 0], [4_000, 0, '正常', 0]] },
  // 关联逾期: W6's household has W5 overdue (W5 overdue since September: not a first overdue).
  { customerNo: 'C5', loanNo: 'W5', manager: '王经理', maturityOn: '2027-06-30', figures: [[6_000, 40, '正常', 0], [6_000, 70, '关注', 0], [6_000, 80, '关注', 0]] },
  { customerNo: 'C5', loanNo: 'W6', manager: '王经理', maturityOn: '2027-06-30', figures: [[3_000, 0, '正常', 0], [3_000, 0, '正常', 0], [3_000, 0, '正常', 0]] },
  // Nothing: interest fell then rose, class upgraded, overdue before so not a first overdue.
  { customerNo: 'C6', loanNo: 'W7', manager: '王经理', maturityOn: '2027-06-30', figures: [[7_000, 0, '关注', 300], [7_000, 0, '关注', 200], [7_000, 0, '正常', 400]] },
  { customerNo: 'C7', loanNo: 'W8', manager: '李经理', maturityOn: '2027-06-30', figures: [[9_000, 10, '正常', 0], [9_000, 0, '正常', 0], [9_000, 5, '正常', 0]] },
  // Class worsened and long overdue, but handed over to the risk-asset unit: not listed.
  { customerNo: 'C8', loanNo: 'W9', manager: '李经理', maturityOn: '2027-06-30', figures: [[4_000, 150, '次级', 0], [4_000, 180, '次级', 0], [4_000, 210, '可疑', 0]] },
  // Class worsened on 09-30, settled (not in the 10-31 file): not listed.
  { customerNo: 'C9', loanNo: 'W10', manager: '王经理', maturityOn: '2027-06-30', figures: [[2_000, 0, '正常', 0], [2_000, 0, '关注', 0], null] },
  // 分类偏高: 95 days overdue on 10-31 and still 关注 (more than 90 days overdue is at least 次级).
  { customerNo: 'C10', loanNo: 'W11', manager: '李经理', maturityOn: '2027-06-30', figures: [[5_000, 35, '正常', 0], [5_000, 65, '关注', 0], [5_000, 95, '关注', 0]] },
];

export function importOf(i: number, stories: readonly Story[] = STORIES): HistoryLoan[] {
  return stories.flatMap((s) => {
    const f = s.figures[i];
    if (!f) return [];
    const [balanceYuan, overdueDays, riskClass, interestOwedYuan] = f;
    return [{ customerNo: s.customerNo, loanNo: s.loanNo, manager: s.manager, maturityOn: s.maturityOn, balanceYuan, overdueDays, riskClass, interestOwedYuan }];
  });
}

/** The signals at 2026-10-31 by loan, with their evidence keys. */
export const EXPECTED: Record<string, Record<string, string>> = {
  W1: { 'class-down': '2026-09-30>2026-10-31' },
  W2: { 'interest-rising': '2026-08-31>2026-09-30>2026-10-31' },
  W3: { 'first-overdue': '2026-10-31' },
  W4: { 'matured-unpaid': '2026-10-15' },
  W6: { 'related-overdue': 'W5' },
  W11: { 'class-too-good': '2026-10-31' },
};

/** The branch after the three imports, W9 handed over; an admin's `call`. */
export async function warningBranch(file: string): Promise<StaffApp> {
  const s = await staffApp(file);
  for (let i = 0; i < DATES.length; i++) await importHistory(s.call, importOf(i), DATES[i]!);
  const ids = await s.ids();
  await s.call('handover.handOver', { loanIds: [ids.loan('W9')], handedOn: '2026-10-31', receiver: '风险资产部' });
  return s;
}
