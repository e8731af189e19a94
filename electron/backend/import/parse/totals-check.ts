/**
 * A cut-off file (a CSV copied half, an .xls whose sector chain broke after 20 rows) reads like a
 * smaller export. Core exports end in a totals row (合计) with the number of loans and the sum of
 * balances: when the file has one, its figures must agree with the rows read, or the file is
 * refused; when it has none, the preview says that the file could not be checked.
 */
import { formatYuan, parseYuanToFen } from '../../../shared/money';
import type { ImportTotalsCheck } from '../../../shared/api/imports';
import { AppError } from '../../rpc/app-error';
import type { ColumnMapping } from '../parsed-file';
import { cellText } from './cell-values';

/** The totals of the whole file: 合计 or 总计, not a group's 小计. */
const GRAND_TOTAL = /^(?:合计|总计)/;
/** A count of loans or records written in the row: 共207笔, 207 笔, 笔数：207. */
const COUNT = [/(\d[\d,]*)\s*[笔条]/, /(?:笔数|记录数|总笔数)\s*[:：]?\s*(\d[\d,]*)/];

export interface TotalsRow {
  row: number;
  count: number | null;
  balanceFen: number | null;
}

/** Whether a row the classifier called totals is the file's grand total. */
export function isGrandTotal(cells: readonly unknown[]): boolean {
  return cells.some((c) => typeof c === 'string' && GRAND_TOTAL.test(c.replace(/\s+/g, '')));
}

/** The figures a grand-total row states: a count of loans anywhere in it, the sum in the balance column. */
export function readTotalsRow(cells: readonly unknown[], row: number, mapping: ColumnMapping): TotalsRow {
  let count: number | null = null;
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const text = cell.replace(/\s+/g, '');
    for (const pattern of COUNT) {
      const m = pattern.exec(text);
      if (m) count ??= Number(m[1].replace(/,/g, ''));
    }
  }
  const balanceCell = mapping.balance === undefined ? null : cells[mapping.balance];
  const balanceFen = balanceCell === null || balanceCell === undefined || cellText(balanceCell) === '' ? null : parseYuanToFen(balanceCell);
  return { row, count, balanceFen };
}

/** What was read, to compare: every data row (rejected ones too) and the accepted loans. */
export interface ReadFigures {
  rowsRead: number;
  loans: number;
  duplicates: number;
  /** Sum of the balances that could be read, over all data rows. */
  rowsBalanceFen: number;
  /** Sum over the accepted loans (an exact repeat counted once). */
  loansBalanceFen: number;
}

/**
 * Checks the grand total against what was read. The totals match either way of counting: the
 * core system's (every row it wrote) or the import's (the loans it takes). Throws TOTALS_MISMATCH.
 */
export function checkTotals(fileName: string, totals: TotalsRow | null, read: ReadFigures): ImportTotalsCheck {
  if (!totals) return { kind: 'none' };
  const { row, count, balanceFen } = totals;
  if (count === null && balanceFen === null) return { kind: 'no-figures', row };
  const countOk = count === null || count === read.rowsRead || count === read.loans || count === read.loans + read.duplicates;
  const balanceOk = balanceFen === null || balanceFen === read.rowsBalanceFen || balanceFen === read.loansBalanceFen;
  if (countOk && balanceOk) return { kind: 'matched', row, count, balanceFen };
  const stated = [count !== null ? `${count} 笔` : null, balanceFen !== null ? `余额合计 ${formatYuan(balanceFen)} 元` : null].filter(Boolean).join('、');
  const found = [count !== null ? `${read.rowsRead} 笔` : null, balanceFen !== null ? `余额合计 ${formatYuan(read.rowsBalanceFen)} 元` : null].filter(Boolean).join('、');
  throw new AppError(
    'TOTALS_MISMATCH',
    `无法导入“${fileName}”：合计行（第 ${row} 行）写着 ${stated}，但文件中读到的是 ${found}。文件可能不完整或已损坏，请重新从核心系统导出后再导入。`,
    `totals row ${row} of ${fileName} says count ${count} balance ${balanceFen}; read ${read.rowsRead} rows / ${read.loans} loans, balances ${read.rowsBalanceFen} / ${read.loansBalanceFen}`,
    { totals, read },
  );
}
