/** Columns never copied into the change log (it is kept for years and sent to head office). */
const SECRET_COLUMNS: Partial<Record<string, readonly string[]>> = { staff: ['password_hash'] };

export type LogAction = 'insert' | 'update' | 'delete' | 'insert_rows';

/** One change-log entry before it is numbered: what changed, with before and after images as stored. */
export interface LogEntry {
  action: LogAction;
  table: string;
  /** Null only for `insert_rows`, whose after image is `{"ids": [...]}`. */
  rowId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * The change log's one encoder: images are JSON written by JS from the values SQLite returned
 * (so an integer is `1796216725783`, never `1796216725783.0`), with secret columns redacted.
 */
export function encodeImage(table: string, image: Record<string, unknown> | null): string | null {
  if (image === null) return null;
  const secret = SECRET_COLUMNS[table];
  if (!secret) return JSON.stringify(image);
  const copy = { ...image };
  for (const c of secret) if (c in copy && copy[c] !== null) copy[c] = '[redacted]';
  return JSON.stringify(copy);
}

/** Entry ids: `<txn id>:<n>` with n in 8 digits, so that ids sort as the entries happened (txn ids do too). */
export function entryId(txnId: string, n: number): string {
  return `${txnId}:${String(n).padStart(8, '0')}`;
}
