/** A loan worklist on paper: its loans and the list's count and sums (listPrintHtml). */
import type { WorklistRow, WorklistSums } from '../../shared/api/worklists';
import { formatYuan } from '../../shared/money';
import { listPrintHtml, type PrintColumn, type PrintedList } from '../print/list-print-html';
import type { PdfOptions } from '../print/pdf-renderer';

const days = (n: number | null) => (n !== null && n > 0 ? String(n) : '');

export function worklistPrintHtml(doc: Omit<PrintedList<WorklistRow>, 'rows'> & { rows: WorklistRow[]; sums: WorklistSums }): { html: string; options: PdfOptions } {
  const columns: PrintColumn<WorklistRow>[] = [
    { label: '序号', kind: 'num', value: (_r, i) => i + 1 },
    { label: '借据号', kind: 'mono', value: (r) => r.loanNo, total: `${doc.sums.count} 笔` },
    { label: '户名', value: (r) => r.borrower },
    { label: '电话', kind: 'mono', value: (r) => r.phones },
    { label: '村', value: (r) => r.village },
    { label: '客户经理', value: (r) => r.manager ?? '未分配' },
    { label: '到期日', kind: 'mono', value: (r) => r.maturityOn },
    { label: '余额(元)', kind: 'num', value: (r) => formatYuan(r.balanceFen), total: formatYuan(doc.sums.balanceFen) },
    { label: '本金逾期天数', kind: 'num', value: (r) => days(r.overdueDays) },
    { label: '欠息天数', kind: 'num', value: (r) => days(r.interestOverdueDays) },
    { label: '欠息(元)', kind: 'num', value: (r) => (r.interestOwedFen ? formatYuan(r.interestOwedFen) : ''), total: formatYuan(doc.sums.interestOwedFen) },
    { label: '五级分类', value: (r) => r.riskClass },
  ];
  return listPrintHtml(columns, doc);
}
