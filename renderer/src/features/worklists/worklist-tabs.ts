import { BUCKET_LABELS, OVERDUE_BUCKETS, type OverdueBucket, type Worklist, type WorklistCounts, type WorklistSums } from '../../../../electron/shared/api/worklists';

/** One tab of the page: a list, or one overdue bucket. */
export interface WorklistTab {
  id: string;
  label: string;
  list: Worklist;
  bucket?: OverdueBucket;
  /** What the tab lists, under the tabs. */
  hint: string;
  sums(c: WorklistCounts): WorklistSums;
}

export const WORKLIST_TABS: readonly WorklistTab[] = [
  { id: 'due-soon', label: '到期提示', list: 'due-soon', hint: '未逾期、7 天内到期的贷款：请在到期前提示借款人还款。', sums: (c) => c.dueSoon },
  { id: 'overdue', label: '全部逾期', list: 'overdue', hint: '本金逾期的贷款，逾期最久的在前。', sums: (c) => c.overdue },
  ...OVERDUE_BUCKETS.map((bucket) => ({
    id: `overdue-${bucket}`,
    label: BUCKET_LABELS[bucket].replace('逾期 ', ''),
    list: 'overdue' as const,
    bucket,
    hint: `本金${BUCKET_LABELS[bucket]}的贷款。`,
    sums: (c: WorklistCounts) => c.buckets[bucket],
  })),
  {
    id: 'handover',
    label: '待移交风险资产部',
    list: 'handover',
    hint: '本金逾期 30 天及以上，或欠息 90 天及以上的贷款，应移交风险资产部清收。',
    sums: (c) => c.handover,
  },
  {
    id: 'litigation',
    label: '诉讼准备',
    list: 'litigation',
    hint: '本金逾期 90 天及以上、尚未登记任何法律措施（律师函、支付令、起诉等）的贷款：请准备诉讼材料，注意诉讼时效。',
    sums: (c) => c.litigation,
  },
];
