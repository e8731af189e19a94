import sqlite3 from 'sqlite3';
import {
  CompiledQuery,
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

export interface Sqlite3DialectConfig {
  /** Path of the database file, or ':memory:'. */
  filename: string;
  /** Runs once on the fresh connection (pragmas). */
  onOpen?: (conn: Sqlite3Connection) => Promise<void>;
  /** WAL databases: checkpoint on a second connection after commits instead of inside them. */
  backgroundCheckpoints?: boolean;
}

/**
 * Kysely dialect for the `sqlite3` npm driver (no maintained one exists).
 * One connection; every acquire waits on a mutex, so a transaction owns the
 * connection from BEGIN to COMMIT/ROLLBACK and two transactions never interleave.
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

  constructor(private readonly config: Sqlite3DialectConfig) {}

  async init(): Promise<void> {
    const raw = await openDatabase(this.config.filename);
    this.connection = new Sqlite3Connection(raw);
    await this.config.onOpen?.(this.connection);
    if (this.config.backgroundCheckpoints) {
      await this.connection.exec('pragma wal_autocheckpoint = 0');
      this.checkpointer = new BackgroundCheckpointer(this.config.filename);
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection!;
  }

  async beginTransaction(conn: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
    this.checkpointer?.request();
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async savepoint(conn: DatabaseConnection, name: string): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }
  async rollbackToSavepoint(conn: DatabaseConnection, name: string): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
  }
  async releaseSavepoint(conn: DatabaseConnection, name: string): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw(`release "${name}"`));
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }

  async destroy(): Promise<void> {
    const conn = this.connection;
    this.connection = undefined;
    await this.checkpointer?.close();
    // Closing the last connection checkpoints what is left and removes the WAL.
    if (conn) await conn.close();
  }
}

const READER_SQL = /^\s*(select|with|pragma|values|explain)\b|\breturning\b/i;

export class Sqlite3Connection implements DatabaseConnection {
  constructor(readonly raw: sqlite3.Database) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiled;
    const params = parameters as unknown[];
    if (returnsRows(compiled)) {
      const rows = await new Promise<R[]>((resolve, reject) =>
        this.raw.all(sql, params, (err, result) => (err ? reject(err) : resolve(result as R[]))),
      );
      return { rows };
    }
    const { lastID, changes } = await new Promise<sqlite3.RunResult>((resolve, reject) =>
      this.raw.run(sql, params, function (this: sqlite3.RunResult, err) {
        if (err) reject(err);
        else resolve(this);
      }),
    );
    return {
      rows: [],
      numAffectedRows: BigInt(changes),
      insertId: /^\s*insert\b/i.test(sql) ? BigInt(lastID) : undefined,
    };
  }

  /** Steps a prepared statement one row at a time, so the caller controls the pace. */
  async *streamQuery<R>(compiled: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    const stmt = await new Promise<sqlite3.Statement>((resolve, reject) => {
      const s = this.raw.prepare(compiled.sql, compiled.parameters as unknown[], (err) =>
        err ? reject(err) : resolve(s),
      );
    });
    try {
      let chunk: R[] = [];
      for (;;) {
        const row = await new Promise<R | undefined>((resolve, reject) =>
          stmt.get((err, r) => (err ? reject(err) : resolve(r as R | undefined))),
        );
        if (row === undefined) break;
        chunk.push(row);
        if (chunk.length >= chunkSize) {
          yield { rows: chunk };
          chunk = [];
        }
      }
      if (chunk.length > 0) yield { rows: chunk };
    } finally {
      await new Promise<void>((resolve) => stmt.finalize(() => resolve()));
    }
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.raw.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.raw.close((err) => (err ? reject(err) : resolve())));
  }
}

function returnsRows(compiled: CompiledQuery): boolean {
  const node = compiled.query as { kind?: string; returning?: unknown };
  if (node.kind === 'SelectQueryNode') return true;
  if (node.kind === 'RawNode' || node.kind === undefined) return READER_SQL.test(compiled.sql);
  return node.returning !== undefined;
}

function openDatabase(filename: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(filename, (err) => (err ? reject(err) : resolve(db)));
  });
}

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private release?: () => void;

  async lock(): Promise<void> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.release = release;
  }

  unlock(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}
