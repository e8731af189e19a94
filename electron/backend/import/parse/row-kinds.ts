/**
 * Rows below the header that are not data: blank rows, totals (合计/总计/小计), notes such as
 * `制表人：张三`, and the header repeated (exports laid out for printing repeat it per page).
 * When in doubt a row is data: a data row taken for a note would vanish without a word, while
 * a note taken for data is listed among the rejected rows, where the user sees it.
 */
import type { ColumnMapping } from '../parsed-file';
import { cellText, isEmptyCell } from './cell-values';

export type RowKind = 'data' | 'blank' | 'totals' | 'note' | 'header';

const TOTALS = /^(?:合计|总计|小计)/;
const NOTE_MAX_CELLS = 3;
const WHITESPACE = /\s+/g;
/** Loan numbers are letters, digits and separators; a count like 共2笔 is not one. */
const LOAN_NUMBER_LIKE = /^[0-9A-Za-z][0-9A-Za-z\-_/.]*$/;
/** `制表人：张三`, `打印日期: …`: a label and a colon. */
const LABELLED = /[：:]/;

export interface RowClassifier {
  (cells: readonly unknown[]): RowKind;
}

/** Classifies rows for a layout; `headerRow` is the header itself, to recognise repeats. */
export function createRowClassifier(mapping: ColumnMapping, headerRow: readonly unknown[]): RowClassifier {
  const loanCol = mapping.loanNo ?? -1;
  const balanceCol = mapping.balance ?? -1;
  const nameCol = mapping.name ?? -1;
  const headerLoanText = loanCol >= 0 ? cellText(headerRow[loanCol]) : '';
  // Columns that only a borrower's row fills: a short row with one of these is data missing its loan number.
  const borrowerCols = [mapping.name, mapping.residentId, mapping.customerNo, mapping.phone].filter((c): c is number => c !== undefined);

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
    // A totals row has no loan of its own: no borrower name, or nothing like a loan number where
    // the loan number goes (the label itself, or a count such as 共2笔 / 19 笔, may sit there).
    const noName = nameCol < 0 || isEmptyCell(cells[nameCol]);
    if (totals && (loanText === '' || noName || !LOAN_NUMBER_LIKE.test(loanText))) return 'totals';
    if (headerLoanText !== '' && loanText === headerLoanText) return 'header';
    // A note or signature line (制表人：… 审核人：…): a few cells, no loan number, no balance,
    // and nothing in a borrower's columns but labelled text.
    if (
      filled <= NOTE_MAX_CELLS &&
      loanText === '' &&
      (balanceCol < 0 || isEmptyCell(cells[balanceCol])) &&
      borrowerCols.every((c) => isEmptyCell(cells[c]) || LABELLED.test(cellText(cells[c])))
    ) {
      return 'note';
    }
    return 'data';
  };
}
