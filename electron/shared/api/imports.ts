import { z } from 'zod';
import { rpc } from './contract';
import { IMPORT_FIELD_NAMES, type ImportField } from '../import-fields';
import { businessDate } from './business-date';

export interface ImportRowIssue {
  row: number;
  reason: string;
  code: string;
}

export interface ImportWarning {
  row: number;
  field: string;
  message: string;
}

/** How many rows and loans an import read, took, and changed. */
export interface ImportTallies {
  rowsRead: number;
  accepted: number;
  inserted: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  settled: number;
}

/** What the UI shows after a commit (the CLI's `import --json` prints a subset of it). */
export interface ImportCounts extends ImportTallies {
  rejected: ImportRowIssue[];
  warnings: ImportWarning[];
  /** The register's newest as-of date when it is newer than this import's: the file only adds history. */
  newerRegisterAsOf: string | null;
}

/** What imports.load did: imported (with the as-of date chosen, and a notice when the choice needs saying), or why not. */
export type ImportLoadResult =
  | { kind: 'imported'; counts: ImportCounts & { importId: string }; asOf: string; notice: string | null }
  | { kind: 'needs-mapping' }
  | { kind: 'register-not-empty' };

export interface ImportPreviewCounts extends ImportCounts {
  newBorrowers: number;
  changedBorrowers: number;
  newVillages: number;
  /** The last import of a file with the same content (SHA-256), if any: importing it again changes nothing new. */
  sameFileImported: { at: number; actorName: string; asOf: string } | null;
}

/**
 * The file's totals row (合计) against the rows read: `matched` (a mismatch is refused), a totals
 * row without figures, or `none` — a cut-off file looks like a smaller export, so the preview says
 * when the file could not be checked.
 */
export type ImportTotalsCheck =
  | { kind: 'matched'; row: number; count: number | null; balanceFen: number | null }
  | { kind: 'no-figures'; row: number }
  | { kind: 'none' };

/** An as-of date to confirm before committing: far back, or well before the register's. */
export interface AsOfWarning {
  kind: 'old' | 'before-register';
  message: string;
}

export type ImportPreview =
  | {
      kind: 'preview';
      previewId: string;
      fileName: string;
      format: string;
      /** As-of date found in the file, if any. */
      fileAsOf: string | null;
      /** Why the file's own date was not taken (it is after today): the user must give the date. */
      fileAsOfRefused: string | null;
      asOf: string | null;
      fullExport: boolean;
      counts: ImportPreviewCounts | null;
      /** Set when committing this as-of date needs `confirmAsOf`. */
      asOfWarning: AsOfWarning | null;
      totals: ImportTotalsCheck;
    }
  | {
      kind: 'needs-mapping';
      previewId: string;
      fileName: string;
      sampleRows: string[][];
      /** The reader's best guess (row index into sampleRows, and columns), for the user to check. */
      suggestedHeaderIndex: number | null;
      suggestedMapping: Partial<Record<ImportField, number>>;
    };

export interface ImportRecord extends ImportTallies {
  id: string;
  fileName: string;
  sha256: string;
  asOf: string;
  fullExport: boolean;
  actorName: string;
  createdAt: number;
  /** Numbers of rejected rows and of warnings. */
  rejected: number;
  warnings: number;
}

const layout = z
  .object({
    headerIndex: z.number().int().min(0),
    mapping: z.partialRecord(z.enum(IMPORT_FIELD_NAMES), z.number().int().min(0)),
  })
  .strict();

/** A file as the preview and an unattended import take it, with the as-of date and export kind given for it. */
const uploadedFile = {
  fileName: z.string().min(1).max(255),
  contentBase64: z.string().min(1, '文件为空'),
  asOf: businessDate.optional(),
  fullExport: z.boolean().default(true),
};

export const importsApi = {
  /** Reads the file (base64) and says what an import would do; nothing is written. */
  'imports.preview': rpc<ImportPreview>()(
    z
      .object({
        ...uploadedFile,
        layout: layout.optional(),
      })
      .strict(),
  ),
  /** Recomputes a preview for another as-of date or export kind without re-reading the file. */
  'imports.replan': rpc<ImportPreview>()(
    z.object({ previewId: z.string().min(1), asOf: businessDate, fullExport: z.boolean() }).strict(),
  ),
  /**
   * An as-of date after today is refused; one the preview warned about needs `confirmAsOf`; a full
   * export that settles a large share of the register (shared/large-settle.ts) needs `confirmSettle`.
   */
  'imports.commit': rpc<ImportCounts & { importId: string }>()(
    z
      .object({
        previewId: z.string().min(1),
        asOf: businessDate,
        fullExport: z.boolean(),
        confirmAsOf: z.boolean().default(false),
        confirmSettle: z.boolean().default(false),
      })
      .strict(),
  ),
  /**
   * Imports a file unattended (the CLI), without a preview: as-of date the file's own, else `asOf`,
   * else today. Into a register that has no loans, borrowers or imports yet, the file is written
   * while it is read; otherwise nothing is read and 'register-not-empty' says to go by the
   * preview (imports.preview, then imports.commit).
   */
  'imports.load': rpc<ImportLoadResult>()(
    z
      .object({
        ...uploadedFile,
        confirmAsOf: z.boolean().default(false),
      })
      .strict(),
  ),
  /** The register's data date (数据截至), shown in the header of every page. */
  'imports.dataAsOf': rpc<{ dataAsOf: string | null }>()(z.object({}).strict()),
  'imports.list': rpc<ImportRecord[]>()(z.object({}).strict()),
  /** The rows an import rejected and its warnings, as its preview showed them. */
  'imports.issues': rpc<{ rejected: ImportRowIssue[]; warnings: ImportWarning[] }>()(z.object({ importId: z.string().min(1) }).strict()),
};
