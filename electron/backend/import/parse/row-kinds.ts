/**
 * Rows below the header that are not data: blank rows, totals (合计/总计/小计), notes such as
 * `制表人：张三`, and the header repeated (exports laid out for printing repeat it per page).
 */
import type { ColumnMapping } from '../parsed-file';
import { cellText, isEmptyCell } from './cell-values';

export type RowKind = 'data' | 'blank' | 'totals' | 'note' | 'header';

const TOTALS = /^(?:合计|总计|小计)/;
const NOTE_MAX_CELLS = 3;
const WHITESPACE = /\s+/g;

export interface RowClassifier {
  (cells: readonly unknown[]): RowKind;
}

/** Classifies rows for a layout; `headerRow` is the header itself, to recognise repeats. */
export function createRowClassifier(mapping: ColumnMapping, headerRow: readonly unknown[]): RowClassifier {
  const loanCol = mapping.loanNo ?? -1;
  const balanceCol = mapping.balance ?? -1;
  const headerLoanText = loanCol >= 0 ? cellText(headerRow[loanCol]) : '';

  return (cells) => {
    let filled = 0;
    let totals = false;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (isEmptyCell(v)) continue;
      filled++;
      if (!totals && typeof v === 'string') {
        const first = v.trimStart().charCodeAt(0);
        // 合 总 小: test the regex only for cells that can match.
        if ((first === 0x5408 || first === 0x603b || first === 0x5c0f) && TOTALS.test(v.trim().replace(WHITESPACE, ''))) {
          totals = true;
        }
      }
    }
    if (filled === 0) return 'blank';
    const loanText = loanCol >= 0 ? cellText(cells[loanCol]) : '';
    // A totals row has no loan number of its own (the 合计 label itself may sit in that column).
    if (totals && (loanText === '' || TOTALS.test(loanText.replace(WHITESPACE, '')))) return 'totals';
    if (headerLoanText !== '' && loanText === headerLoanText) return 'header';
    // A note or signature line (制表人：… 审核人：…): a few cells, no loan number, no balance.
    if (filled <= NOTE_MAX_CELLS && loanText === '' && (balanceCol < 0 || isEmptyCell(cells[balanceCol]))) return 'note';
    return 'data';
  };
}
