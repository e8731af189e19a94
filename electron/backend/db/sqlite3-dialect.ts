import sqlite3 from 'sqlite3';
import {
  CompiledQuery,
  IdentifierNode,
  RawNode,
  createQueryId,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { BackgroundCheckpointer } from './background-checkpointer';
import { SqliteError } from './sqlite-error';
import { readsBesideWrites } from './reads-beside-writes';
import { statementKind } from './statement-kind';
import { LOCK_TRY_MS, lockWaitMs, lockWaitSignal, lockWaitStarted, pauseBeforeNextTry, throwIfLockWaitCancelled } from './write-lock-wait';

export interface Sqlite3DialectConfig {
  /** Path of the database file, or ':memory:'. */
  filename: string;
  /** Runs once on the fresh connection (pragmas). */
  onOpen?: (conn: Sqlite3Connection) => Promise<void>;
  /** WAL databases: checkpoint on a second connection after commits instead of inside them. */
  backgroundCheckpoints?: boolean;
  /** How long a statement, or a read-write transaction's BEGIN, waits for another connection's write lock (default 0). */
  busyTimeoutMs?: number;
  /** A second connection to the file, opened at its first use, for calls that only read (reads-beside-writes.ts). */
  readerConnection?: boolean;
}

/**
 * Kysely dialect for the `sqlite3` npm driver (no maintained one exists).
 * One connection; every acquire waits on a mutex, so a transaction owns the
 * connection from BEGIN to COMMIT/ROLLBACK and two transactions never interleave.
 * With `readerConnection`, calls that only read get a second one of the same kind.
 */
export class Sqlite3Dialect implements Dialect {
  constructor(private readonly config: Sqlite3DialectConfig) {}
  createDriver(): Driver {
    return new Sqlite3Driver(this.config);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new Sqlite3Adapter();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** SQLite runs DDL inside transactions; saying so makes Kysely's Migrator all-or-nothing. */
class Sqlite3Adapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class Sqlite3Driver implements Driver {
  private connection?: Sqlite3Connection;
  private checkpointer?: BackgroundCheckpointer;
  private readonly mutex = new Mutex();
  /** Read-write transactions take turns in the order they began, also while one waits for the lock with the connection free. */
  private readonly writeTurn = new Mutex();
  /** Whether the transaction holding the connection holds writeTurn (released with the connection). */
  private holdsWriteTurn = false;
  /** The reader connection's own driver, once opened (readerConnection). */
  private reader?: Promise<Sqlite3Driver>;
  private readerOpen?: Sqlite3Driver;

  constructor(private readonly config: Sqlite3DialectConfig) {}

  private get busyTimeoutMs(): number {
    return this.config.busyTimeoutMs ?? 0;
  }

  async init(): Promise<void> {
    const raw = await openDatabase(this.config.filename);
    raw.configure('busyTimeout', this.busyTimeoutMs);
    this.connection = new Sqlite3Connection(raw);
    await this.config.onOpen?.(this.connection);
    if (this.config.backgroundCheckpoints) {
      await this.connection.exec('pragma wal_autocheckpoint = 0');
      this.checkpointer = new BackgroundCheckpointer(this.config.filename);
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.config.readerConnection && readsBesideWrites()) {
      if (!this.connection) throw new Error('the database is closed');
      return (await this.openReader()).acquireConnection();
    }
    // A cancelled write stops waiting behind another of this app's transactions (an import's commit).
    await this.mutex.lock(lockWaitSignal());
    if (!this.connection) {
      this.mutex.unlock();
      throw new Error('the database is closed');
    }
    return this.connection;
  }

  private openReader(): Promise<Sqlite3Driver> {
    this.reader ??= (async () => {
      const reader = new Sqlite3Driver({ ...this.config, readerConnection: false, backgroundCheckpoints: false });
      await reader.init();
      this.readerOpen = reader;
      return reader;
    })().catch((err: unknown) => {
      this.reader = undefined;
      throw err;
    });
    return this.reader;
  }

  /** The driver whose connection `conn` is: this one's, or the reader's. */
  private ownerOf(conn: DatabaseConnection): Sqlite3Driver {
    return conn !== this.connection && conn === this.readerOpen?.connection ? this.readerOpen : this;
  }

  /**
   * A read-write transaction takes the write lock when it begins, so it never fails halfway for
   * want of it; a read-only one begins deferred: its snapshot starts at its first read and it
   * never blocks a writer (the CLI in another process).
   */
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const owner = this.ownerOf(conn);
    if (owner !== this) return owner.beginTransaction(conn, settings);
    if (settings.accessMode === 'read only') await conn.executeQuery(CompiledQuery.raw('begin deferred'));
    else await this.takeWriteLock(conn as Sqlite3Connection);
  }

  /**
   * BEGIN IMMEDIATE, waiting up to the busy timeout for a write lock another program holds. It
   * waits with the connection free (SQLite's own wait would hold it): this app's reads carry on
   * meanwhile, and a cancelled call stops waiting (write-lock-wait.ts).
   */
  private async takeWriteLock(conn: Sqlite3Connection): Promise<void> {
    // Taken by another write only while that one waits for the lock with the connection free.
    if (!this.writeTurn.tryLock()) await this.withConnectionFree(() => this.writeTurn.lock(lockWaitSignal()));
    try {
      const deadline = performance.now() + lockWaitMs(this.busyTimeoutMs);
      for (let tries = 1; ; tries++) {
        throwIfLockWaitCancelled();
        const busy = await conn.tryBeginImmediate(Math.max(0, Math.min(LOCK_TRY_MS, deadline - performance.now())), this.busyTimeoutMs);
        if (!busy) break;
        if (performance.now() >= deadline) throw busy;
        if (tries === 1) lockWaitStarted();
        await this.withConnectionFree(pauseBeforeNextTry);
      }
    } catch (err) {
      this.writeTurn.unlock();
      throw err;
    }
    this.holdsWriteTurn = true;
  }

  /** Runs `fn` with the connection left to others, and takes it back (the caller holds it before and after). */
  private async withConnectionFree(fn: () => Promise<void>): Promise<void> {
    this.mutex.unlock();
    try {
      await fn();
    } finally {
      await this.mutex.lock();
    }
    if (!this.connection) throw new Error('the database is closed');
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    const owner = this.ownerOf(conn);
    if (owner !== this) return owner.commitTransaction(conn);
    await conn.executeQuery(CompiledQuery.raw('commit'));
    this.checkpointer?.request();
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    try {
      await conn.executeQuery(CompiledQuery.raw('rollback'));
    } catch (err) {
      // Kysely throws the rollback's error instead of the one that made it roll back; when there
      // was nothing left to roll back, the first error is the one to report.
      if (!nothingToRollBack(err)) throw err;
    }
  }
  async savepoint(conn: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await conn.executeQuery(savepointCommand('savepoint', name, compile));
  }
  async rollbackToSavepoint(conn: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await conn.executeQuery(savepointCommand('rollback to', name, compile));
  }
  async releaseSavepoint(conn: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await conn.executeQuery(savepointCommand('release', name, compile));
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const owner = this.ownerOf(conn);
    if (owner !== this) return owner.releaseConnection(conn);
    if (this.holdsWriteTurn) {
      this.holdsWriteTurn = false;
      this.writeTurn.unlock();
    }
    this.mutex.unlock();
  }

  /** Waits for the transaction or query that holds the connection: closing under it would roll it back. */
  async destroy(): Promise<void> {
    const reader = this.reader;
    this.reader = undefined;
    await (await reader?.catch(() => undefined))?.destroy();
    await this.mutex.lock();
    try {
      const conn = this.connection;
      this.connection = undefined;
      await this.checkpointer?.close();
      // Closing the last connection checkpoints what is left and removes the WAL.
      if (conn) await conn.close();
    } finally {
      this.mutex.unlock();
    }
  }
}

export class Sqlite3Connection implements DatabaseConnection {
  constructor(readonly raw: sqlite3.Database) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.execute<R>(compiled);
    } catch (err) {
      // Made here, after an await, so that its stack runs back to the caller's code.
      throw new SqliteError(err, { sql: compiled.sql });
    }
  }

  private async execute<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { sql } = compiled;
    const params = compiled.parameters as unknown[];
    const kind = statementKind(compiled);
    if (!kind.rows) {
      const { lastID, changes } = await this.run(sql, params);
      if (!kind.changes) return { rows: [] };
      return { rows: [], numAffectedRows: BigInt(changes), insertId: kind.insert ? BigInt(lastID) : undefined };
    }
    const rows = await this.all<R>(sql, params);
    if (!kind.changes) return { rows };
    // Raw SQL that writes and may have RETURNING: one row per changed row, or ask SQLite.
    if (rows.length > 0) return { rows, numAffectedRows: BigInt(rows.length) };
    const [last] = await this.all<{ changes: number; id: number }>('select changes() as changes, last_insert_rowid() as id', []);
    return { rows, numAffectedRows: BigInt(last.changes), insertId: kind.insert ? BigInt(last.id) : undefined };
  }

  private all<R>(sql: string, params: unknown[]): Promise<R[]> {
    return new Promise((resolve, reject) => this.raw.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as R[]))));
  }

  private run(sql: string, params: unknown[]): Promise<sqlite3.RunResult> {
    return new Promise((resolve, reject) =>
      this.raw.run(sql, params, function (this: sqlite3.RunResult, err) {
        if (err) reject(err);
        else resolve(this);
      }),
    );
  }

  /**
   * Not supported: the driver steps a statement one native call per row (10× slower than `all`),
   * and a stream holds the only connection for as long as its reader takes, stopping every other
   * call. Read large results in pages by key instead.
   */
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error(
      'streaming is not supported (it would hold the only connection while the caller reads); ' +
        'read in keyset pages instead: where key > last key order by key limit n',
    );
  }

  /** BEGIN IMMEDIATE, waiting at most `waitMs` for the write lock: null once begun, else SQLite's SQLITE_BUSY. */
  async tryBeginImmediate(waitMs: number, busyTimeoutMs: number): Promise<SqliteError | null> {
    this.raw.configure('busyTimeout', waitMs);
    try {
      await this.exec('begin immediate');
      return null;
    } catch (err) {
      if (err instanceof SqliteError && err.code === 'SQLITE_BUSY') return err;
      throw err;
    } finally {
      this.raw.configure('busyTimeout', busyTimeoutMs);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => this.raw.exec(sql, (err) => (err ? reject(err) : resolve())));
    } catch (err) {
      throw new SqliteError(err, { sql });
    }
  }

  async close(): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => this.raw.close((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      throw new SqliteError(err);
    }
  }
}

/** As Kysely's own SqliteDriver: the name goes through the compiler, which quotes it. */
function savepointCommand(command: string, name: string, compile: QueryCompiler['compileQuery']): CompiledQuery {
  return compile(RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)]), createQueryId());
}

/**
 * SQLite rolled the transaction back itself (a trigger's RAISE(ROLLBACK), some I/O and
 * out-of-memory errors), or the connection is closed, which rolls back too.
 */
function nothingToRollBack(err: unknown): boolean {
  const message = err instanceof SqliteError && err.cause instanceof Error ? err.cause.message : '';
  return /no transaction is active|Database is closed/.test(message);
}

async function openDatabase(filename: string): Promise<sqlite3.Database> {
  try {
    return await new Promise((resolve, reject) => {
      const db = new sqlite3.Database(filename, (err) => (err ? reject(err) : resolve(db)));
    });
  } catch (err) {
    throw new SqliteError(err, { file: filename });
  }
}

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private release?: () => void;
  /** The holder and those waiting. */
  private queued = 0;

  /**
   * Waits for its turn. Once `signal` aborts it rejects at once with the reason; its place in
   * the queue is kept and handed on untaken when it comes, so the order of the others holds.
   */
  lock(signal?: AbortSignal): Promise<void> {
    this.queued++;
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    return new Promise<void>((resolve, reject) => {
      let abandoned = false;
      const abandon = () => {
        abandoned = true;
        reject(signal?.reason);
      };
      if (signal?.aborted) abandon();
      else signal?.addEventListener('abort', abandon, { once: true });
      void previous.then(() => {
        signal?.removeEventListener('abort', abandon);
        if (abandoned) {
          this.queued--;
          release();
          return;
        }
        this.release = release;
        resolve();
      });
    });
  }

  /** Takes it now if nobody holds it or waits for it. */
  tryLock(): boolean {
    if (this.queued > 0) return false;
    this.queued++;
    this.tail = new Promise<void>((resolve) => (this.release = resolve));
    return true;
  }

  unlock(): void {
    const release = this.release;
    if (!release) return;
    this.release = undefined;
    this.queued--;
    release();
  }
}
