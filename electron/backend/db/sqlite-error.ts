/**
 * An error of the sqlite3 driver, made where our code awaited it: the driver's own error comes
 * from a native callback, with no stack and no statement. `cause` is the driver's error, `code`
 * its result code (SQLITE_CONSTRAINT, SQLITE_BUSY, …), `sql` the statement without its
 * parameters (they may hold personal data).
 */
export class SqliteError extends Error {
  readonly code: string;
  readonly sql: string | undefined;

  /** `sql` for a statement, `file` for opening a database. */
  constructor(driverError: unknown, where: { sql?: string; file?: string } = {}) {
    const { message, code } =
      driverError instanceof Error ? (driverError as Error & { code?: unknown }) : { message: String(driverError), code: undefined };
    const context = where.sql !== undefined ? ` — in: ${abbreviate(where.sql)}` : where.file !== undefined ? ` — file: ${where.file}` : '';
    super(message + context, { cause: driverError });
    this.name = 'SqliteError';
    this.code = typeof code === 'string' ? code : 'SQLITE_ERROR';
    this.sql = where.sql;
  }
}

/** Long statements (a batch insert's placeholders) are cut in the message; `sql` keeps all of it. */
function abbreviate(sql: string): string {
  const oneLine = sql.replace(/\s+/g, ' ').trim();
  return oneLine.length <= 300 ? oneLine : `${oneLine.slice(0, 300)}…`;
}
