import sqlite3 from 'sqlite3';
import { log } from '../log';

/**
 * Copies committed pages from the WAL into the database file on a connection of its own, after
 * the commit has returned. SQLite's automatic checkpoint does this inside the COMMIT that crosses
 * 1000 pages, so a 100k-row import waited ~0.5 s more for it; here readers and writers carry on
 * while it runs (WAL mode lets a checkpoint run beside them). PASSIVE never waits for locks: what
 * a busy moment leaves behind is copied by the next run.
 */
export class BackgroundCheckpointer {
  private conn: Promise<sqlite3.Database> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly filename: string) {}

  /** Asks for a checkpoint after a commit; runs at most one at a time, and once more if asked meanwhile. */
  request(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runUntilCaughtUp().finally(() => (this.running = null));
  }

  /** Resolves when no checkpoint is running or asked for (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
    const conn = await this.conn;
    this.conn = null;
    if (conn) await new Promise<void>((resolve, reject) => conn.close((err) => (err ? reject(err) : resolve())));
  }

  private async runUntilCaughtUp(): Promise<void> {
    do {
      this.again = false;
      try {
        const conn = await (this.conn ??= open(this.filename));
        await new Promise<void>((resolve, reject) => conn.exec('pragma wal_checkpoint(passive)', (err) => (err ? reject(err) : resolve())));
      } catch (err) {
        // Nothing is lost: the pages stay in the WAL and the next checkpoint (or close) copies them.
        log.warn(`background checkpoint failed: ${String(err)}`);
      }
    } while (this.again && !this.closed);
  }
}

function open(filename: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(filename, sqlite3.OPEN_READWRITE, (err) => (err ? reject(err) : resolve(db)));
  });
}
