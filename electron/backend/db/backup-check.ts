import { stat } from 'node:fs/promises';
import sqlite3 from 'sqlite3';

/**
 * Checks that a freshly written backup is a whole, sound database: SQLite's integrity check
 * passes, and the file holds exactly the pages its header counts (a file cut short does not).
 * Opens it read-only on a connection of its own; throws an English Error otherwise.
 */
export async function checkBackupFile(file: string): Promise<void> {
  const conn = await new Promise<sqlite3.Database>((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(db)));
  });
  try {
    const integrity = await all<{ integrity_check: string }>(conn, 'pragma integrity_check');
    const problems = integrity.map((r) => r.integrity_check).filter((m) => m !== 'ok');
    if (problems.length > 0 || integrity.length === 0) throw new Error(`integrity_check: ${problems.slice(0, 3).join('; ') || 'no answer'}`);
    const [{ page_count: pages }] = await all<{ page_count: number }>(conn, 'pragma page_count');
    const [{ page_size: pageSize }] = await all<{ page_size: number }>(conn, 'pragma page_size');
    const { size } = await stat(file);
    if (pages < 1 || pages * pageSize !== size) throw new Error(`${pages} pages of ${pageSize} bytes in a file of ${size} bytes`);
  } finally {
    await new Promise<void>((resolve) => conn.close(() => resolve()));
  }
}

function all<T>(conn: sqlite3.Database, query: string): Promise<T[]> {
  return new Promise((resolve, reject) => conn.all(query, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
}
