import sqlite3 from 'sqlite3';

/** A bare sqlite3 connection for inspecting a database file from outside the app (no pragmas, no migrations). */
export class SqliteFile {
  private constructor(private readonly conn: sqlite3.Database) {}

  /**
   * 'read' opens read-only (a backup, looked at as found); 'write' lets SQLite recover a killed
   * writer's WAL the way the app's next open would.
   */
  static open(file: string, mode: 'read' | 'write'): Promise<SqliteFile> {
    const flags = mode === 'read' ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE;
    return new Promise((resolve, reject) => {
      const conn = new sqlite3.Database(file, flags, (err) => (err ? reject(err) : resolve(new SqliteFile(conn))));
    });
  }

  all<T>(query: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.conn.all(query, params, (err, rows) => (err ? reject(saying(err, query)) : resolve(rows as T[]))));
  }

  exec(query: string): Promise<void> {
    return new Promise((resolve, reject) => this.conn.exec(query, (err) => (err ? reject(err) : resolve())));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.conn.close((err) => (err ? reject(err) : resolve())));
  }
}

/** sqlite3's errors carry no stack and no query: name the query. */
function saying(err: Error, query: string): Error {
  return new Error(`${err.message} in: ${query.slice(0, 300)}`, { cause: err });
}

/**
 * Opens a database a killed process wrote and closes it again, as the app's next start would:
 * SQLite reads the WAL (a committed transaction kept, an unfinished one dropped) and, closing
 * the last connection, folds it into the file. The file alone then holds the database.
 */
export async function foldWal(file: string): Promise<void> {
  await withSqliteFile(file, 'write', (db) => db.all('select count(*) from sqlite_master'));
}

/** Opens, runs `fn`, always closes. */
export async function withSqliteFile<T>(file: string, mode: 'read' | 'write', fn: (db: SqliteFile) => Promise<T>): Promise<T> {
  const db = await SqliteFile.open(file, mode);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
