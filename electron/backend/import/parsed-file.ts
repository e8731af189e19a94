import type { RiskClass } from '../../shared/domain';
import type { ImportTotalsCheck } from '../../shared/api/imports';

import type { ImportField } from '../../shared/import-fields';

export { IMPORT_FIELD_NAMES as IMPORT_FIELDS, type ImportField } from '../../shared/import-fields';

/** Which column (0-based) holds each field; fields the file lacks are absent. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

export interface Layout {
  /** 0-based index into SheetGrid.rows of the header row. */
  headerIndex: number;
  mapping: ColumnMapping;
  /** Normalised header cells joined with '|': how a saved mapping profile recognises the layout. */
  headerSignature: string;
}

/** One accepted loan row, normalised: money in fen, dates YYYY-MM-DD, ID and phones normalised. */
export interface ParsedLoanRow {
  /** Row number as the user sees it: 1-based Excel row, or CSV line number. */
  row: number;
  customerNo: string | null;
  name: string;
  /** Pinyin of the name, computed here (in the parse worker): initials for search, full for sorting. */
  nameInitials: string;
  namePinyin: string;
  residentId: string | null;
  residentIdValid: boolean;
  /** Normalised phones; an invalid one is kept (with a warning) for staff to correct. */
  phones: string[];
  address: string;
  township: string | null;
  village: string | null;
  loanNo: string;
  contractNo: string;
  product: string;
  guaranteeType: string;
  guarantors: string;
  disbursedOn: string | null;
  maturityOn: string | null;
  contractAmountFen: number | null;
  balanceFen: number;
  /** Annual rate in parts per million: 5.6 % → 56000. */
  annualRatePpm: number | null;
  principalOverdueDays: number;
  interestOwedFen: number | null;
  interestOverdueDays: number | null;
  riskClass: RiskClass | null;
  managerName: string | null;
}

export interface RejectedRow {
  row: number;
  /** English key for logs and tools, e.g. 'missing_loan_number'. */
  code: string;
  /** Chinese, for the user. */
  reason: string;
}

export interface RowWarning {
  row: number;
  field: ImportField;
  /** Chinese, for the user. */
  message: string;
}

export interface ParsedFile {
  fileName: string;
  sha256: string;
  format: 'xlsx' | 'xls' | 'csv';
  layout: Layout;
  /** As-of date read from the meta rows above the header, if any. */
  asOf: string | null;
  /** Data rows read (blank, title, meta, header and totals rows not counted). */
  rowsRead: number;
  /** Accepted loans, one per loan number, in file order. */
  loans: ParsedLoanRow[];
  /** Exact repeats of an earlier row, imported once. */
  duplicates: number;
  rejected: RejectedRow[];
  warnings: RowWarning[];
  /** The totals row (合计) checked against the rows read, or why it could not be. */
  totals: ImportTotalsCheck;
}
