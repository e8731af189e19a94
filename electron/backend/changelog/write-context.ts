import { CompiledQuery, type Transaction } from 'kysely';
import { newId } from '../db/new-id';
import type { Db } from '../db/connection';
import type { ReadDb } from '../db/read-db';
import { onWriteConnection } from '../db/reads-beside-writes';
import { withLockWaitHooks, type LockWaitHooks } from '../db/write-lock-wait';
import type { Database, LoggedTable, NewRow, Row, RowPatch } from '../db/schema';
import { AppError } from '../rpc/app-error';
import { hqTableSetting, SYNC_TABLES } from '../sync/sync-tables';
import { bumpTableVersions } from './table-versions';
import type { Actor } from './actor';
import { appendEntries, type LogEntry } from './log-entry';
import { insertTxnRecord, nextTxnClock, type TxnCause, type TxnClock } from './txn-record';

// Rows per statement: large enough to amortise the round trip, small enough to bound memory.
const BATCH_ROWS = 5000;
/** Rows from which an insertBulk into an empty table builds its plain indexes after the rows (dropIndexesOfEmpty). */
const BULK_LOAD_ROWS = 20_000;

export type NewValues<T extends LoggedTable> = Omit<NewRow<T>, 'id' | 'created_at' | 'updated_at'> & { id?: string };
export type Update<T extends LoggedTable> = { before: Row<T>; patch: RowPatch<T> };

const staleWrite = (table: string, ids: readonly string[]) =>
  new AppError(
    'STALE_WRITE',
    '数据已被其他操作修改或删除，本次修改未保存。请刷新后重试。',
    `write to ${table}: ${ids.length} row(s) changed since they were read, or missing: ${ids.slice(0, 5).join(', ')}`,
  );

/**
 * The one path for writes: each write stamps id/created_at/updated_at and appends its entry to
 * change_log in the same transaction, under one change_txns record (who, when, where, why).
 * Nothing writes around it: other code gets a read-only database type, and a lint rule keeps
 * raw SQL writes out of the rest of the app.
 *
 * - Inserts return and log the rows as stored (RETURNING *), every column.
 * - An update sets only the columns that change on that row, and only if the row is as the
 *   caller read it (its updated_at); otherwise the whole transaction fails (STALE_WRITE).
 *   Its entry holds the changed columns before and after (as stored), plus updated_at.
 * - Rows travel to SQLite as one JSON array of arrays per batch, unpacked by jsonb_each: one
 *   bound parameter instead of thousands (the sqlite3 driver's cost is per bound value).
 */
export class WriteContext {
  /** Reads inside this transaction. */
  readonly trx: ReadDb;
  readonly txnId: string;
  /** The transaction's time (epoch ms), later than any transaction before it: every row stamp of this transaction. */
  readonly now: number;
  private entries = 0;
  private recorded = false;
  private cause: TxnCause | null = null;

  constructor(
    private readonly db: Transaction<Database>,
    readonly actor: Actor,
    clock: TxnClock,
    /** The call's: once aborted (the user cancelled), the next statement throws its reason and the transaction rolls back. */
    private readonly signal?: AbortSignal,
  ) {
    this.trx = db;
    this.txnId = clock.id;
    this.now = clock.at;
  }

  /** Says why this transaction happened (an import, a sync package). Before the first write. */
  setCause(cause: TxnCause): void {
    if (this.recorded) throw new Error('setCause after the first write of the transaction');
    this.cause = cause;
  }

  async insert<T extends LoggedTable>(table: T, values: NewValues<T>): Promise<Row<T>> {
    const [row] = await this.insertMany(table, [values]);
    return row;
  }

  /** Inserts rows, each with its own log entry holding the row as stored; returns them as stored, in order. */
  async insertMany<T extends LoggedTable>(table: T, values: ReadonlyArray<NewValues<T>>): Promise<Row<T>[]> {
    const ids = values.map((v) => v.id ?? newId());
    const stored: Row<T>[] = [];
    for (const { sqlText, params, batch } of this.insertStatements(table, values, ids)) {
      const rows = await this.query<Record<string, unknown>>(`${sqlText} returning *`, params);
      const byId = new Map(rows.map((r) => [r.id as string, r]));
      const inOrder = batch.map((r) => byId.get(r[0] as string)!);
      await this.log(inOrder.map((after) => ({ action: 'insert', table, rowId: after.id as string, before: null, after })));
      stored.push(...(inOrder as Row<T>[]));
    }
    return stored;
  }

  /**
   * Inserts rows whose source is recorded elsewhere (an import file and its `imports` row):
   * the change log gets one `insert_rows` entry per batch, `{"ids": [...]}`, naming the rows
   * instead of copying them. Core-system data goes from head office to branches, never back
   * (DOMAIN.md), so sync has no use for a copy, and it would make a county import's log as
   * large as its rows. Every row named stays reachable by id in its table; what it held when
   * inserted is the row as stored, less the changes logged after it (each with its before).
   * Returns the ids, in order.
   */
  async insertBulk<T extends LoggedTable>(table: T, values: ReadonlyArray<NewValues<T>>): Promise<string[]> {
    const ids = values.map((v) => v.id ?? newId());
    const rebuild = values.length >= BULK_LOAD_ROWS ? await this.dropIndexesOfEmpty(table) : [];
    try {
      for (const { sqlText, params, batch } of this.insertStatements(table, values, ids)) {
        const changes = await this.execute(sqlText, params);
        if (changes !== batch.length) throw new Error(`insert into ${table}: ${changes} of ${batch.length} rows written`);
        await this.log([{ action: 'insert_rows', table, rowId: null, before: null, after: { ids: batch.map((r) => r[0]) } }]);
      }
    } finally {
      for (const createIndex of rebuild) await this.execute(createIndex, []);
    }
    return ids;
  }

  /**
   * Sets columns of rows this transaction inserted with insertBulk, without an entry of its own:
   * their insert_rows entry names them by id only, so what they held when inserted is the row as
   * committed. For a load that writes a row before it knows all of its values (a first import
   * written while read: a borrower's row takes the first ID, address and village any of their
   * rows has, known only at the file's end). Refuses a row not stamped with this transaction's time.
   */
  async completeBulkInserted<T extends LoggedTable>(table: T, rows: ReadonlyArray<{ id: string } & RowPatch<T>>): Promise<void> {
    if (rows.length === 0) return;
    const columns = ['id', ...Object.keys(rows[0]).filter((c) => c !== 'id' && c !== 'created_at' && c !== 'updated_at')];
    assertSameColumns(table, columns, rows);
    const sqlText = `update "${table}" set ${columns
      .slice(1)
      .map((c, i) => `"${c}" = v.value ->> ${i + 1}`)
      .join(', ')} from jsonb_each(?) as v where "${table}".id = v.value ->> 0 and "${table}".created_at = ?`;
    for (let start = 0; start < rows.length; start += BATCH_ROWS) {
      const batch = rows.slice(start, start + BATCH_ROWS).map((r) => columns.map((c) => (r as Record<string, unknown>)[c] ?? null));
      const changes = await this.execute(sqlText, [JSON.stringify(batch), this.now]);
      if (changes !== batch.length) throw new Error(`complete ${table}: ${changes} of ${batch.length} rows are this transaction's inserts`);
    }
  }

  /**
   * For a load written in many batches (a county's first import, read while it is written): the
   * plain indexes of those of `tables` that are empty now are dropped until `load` has run, then
   * built once, as insertBulk does for one large insert (dropIndexesOfEmpty). If `load` fails they
   * are not built: the caller's transaction rolls back, and the rollback restores them.
   */
  async withIndexesAfter<R>(tables: readonly LoggedTable[], load: () => Promise<R>): Promise<R> {
    const rebuild: string[] = [];
    for (const table of tables) rebuild.push(...(await this.dropIndexesOfEmpty(table)));
    const result = await load();
    for (const createIndex of rebuild) await this.execute(createIndex, []);
    return result;
  }

  /**
   * A bulk load into an empty table (a county's first import: 100k loans) builds the table's
   * plain indexes once after the rows, one sort each, instead of a b-tree insert per row and
   * index. Unique indexes stay, so that a duplicate still fails at its row. The drop and the
   * build are in the caller's transaction: a rollback restores the indexes as they were.
   * Returns the statements that build them again.
   */
  private async dropIndexesOfEmpty(table: LoggedTable): Promise<string[]> {
    const [row] = await this.query<{ has: number }>(`select exists (select 1 from "${table}") as has`, []);
    if (row.has) return [];
    const plain = await this.query<{ name: string; sql: string }>(
      `select m.name, m.sql from pragma_index_list(?) as l join sqlite_schema as m on m.type = 'index' and m.name = l.name
       where l.origin = 'c' and l."unique" = 0 and m.sql is not null`,
      [table],
    );
    for (const { name } of plain) await this.execute(`drop index "${name.replaceAll('"', '""')}"`, []);
    return plain.map((i) => i.sql);
  }

  private *insertStatements<T extends LoggedTable>(table: T, values: ReadonlyArray<NewValues<T>>, ids: readonly string[]) {
    if (values.length === 0) return;
    // Stamps are the same for every row: bound once, not carried per row. The id is column 0.
    const columns = ['id', ...Object.keys(values[0] as object).filter((c) => c !== 'id' && c !== 'created_at' && c !== 'updated_at')];
    assertSameColumns(table, columns, values);
    const into = `insert into "${table}" (${[...columns, 'created_at', 'updated_at'].map((c) => `"${c}"`).join(', ')})`;
    const fromJson = `${into} select ${columns.map((_, i) => `value ->> ${i}`).join(', ')}, ?, ? from jsonb_each(?)`;
    // One row is bound value by value: SQLite's JSON functions copy a large value (an import's
    // warnings, megabytes) once per column read, hundreds of MB for one row.
    const oneRow = `${into} values (${[...columns, 'created_at', 'updated_at'].map(() => '?').join(', ')})`;
    for (let start = 0; start < values.length; start += BATCH_ROWS) {
      const batch: unknown[][] = [];
      for (let i = start; i < Math.min(start + BATCH_ROWS, values.length); i++) {
        const v = values[i] as Record<string, unknown>;
        const row: unknown[] = [ids[i]];
        for (let c = 1; c < columns.length; c++) row.push(v[columns[c]] ?? null);
        batch.push(row);
      }
      yield batch.length === 1 && batch[0].every(bindsAsItsJson)
        ? { sqlText: oneRow, params: [...batch[0], this.now, this.now], batch }
        : { sqlText: fromJson, params: [this.now, this.now, JSON.stringify(batch)], batch };
    }
  }

  /**
   * Applies `patch` to the row the caller read as `before`; returns the row as stored now, or
   * null when nothing changes (no write, no log entry). Fails if the row changed since `before`.
   */
  async update<T extends LoggedTable>(table: T, before: Row<T>, patch: RowPatch<T>): Promise<Row<T> | null> {
    const [after] = await this.applyUpdates(table, [{ before, patch }]);
    return after ?? null;
  }

  /** Many updates, each only if its row is as read; returns how many rows changed. */
  async updateMany<T extends LoggedTable>(table: T, updates: ReadonlyArray<Update<T>>): Promise<number> {
    return (await this.applyUpdates(table, updates)).length;
  }

  /** Reads the row by id in this transaction and updates it; throws if it does not exist. */
  async updateById<T extends LoggedTable>(table: T, id: string, patch: RowPatch<T>): Promise<Row<T> | null> {
    const [before] = await this.query<Row<T>>(`select * from "${table}" where id = ?`, [id]);
    if (!before) throw staleWrite(table, [id]);
    return this.update(table, before, patch);
  }

  /** Deletes the row the caller read as `before`, logging it as stored; fails if it changed since. */
  async delete<T extends LoggedTable>(table: T, before: Row<T>): Promise<void> {
    const { id, updated_at } = before as { id: string; updated_at: number };
    const [stored] = await this.query<Record<string, unknown>>(`delete from "${table}" where id = ? and updated_at = ? returning *`, [id, updated_at]);
    if (!stored) throw staleWrite(table, [id]);
    await this.log([{ action: 'delete', table, rowId: id, before: stored, after: null }]);
  }

  /** Settings are keyed rows (row id = key), logged like any other. */
  async setSetting(key: string, value: string): Promise<void> {
    const [before] = await this.query<{ key: string; value: string; updated_at: number }>(`select * from settings where key = ?`, [key]);
    if (before?.value === value) return;
    const [after] = await this.query<Record<string, unknown>>(
      `insert into settings (key, value, updated_at) values (?, ?, ?)
       on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at returning *`,
      [key, value, this.now],
    );
    await this.log([
      before
        ? { action: 'update', table: 'settings', rowId: key, before: { value: before.value, updated_at: before.updated_at }, after: { value: after.value, updated_at: after.updated_at } }
        : { action: 'insert', table: 'settings', rowId: key, before: null, after },
    ]);
  }

  /**
   * Updates are grouped by the columns they change, so that each row sets only its own changes
   * (one statement per group and batch). A row whose updated_at is not the caller's is not
   * written; then the count falls short and the transaction fails.
   */
  private async applyUpdates<T extends LoggedTable>(table: T, updates: ReadonlyArray<Update<T>>): Promise<Row<T>[]> {
    const groups = new Map<string, Array<{ before: Record<string, unknown>; changed: Record<string, unknown> }>>();
    for (const { before, patch } of updates) {
      const changed = changedFields(before as Record<string, unknown>, patch as Record<string, unknown>);
      const keys = Object.keys(changed).sort();
      if (keys.length === 0) continue;
      const signature = keys.join(',');
      const group = groups.get(signature) ?? [];
      group.push({ before: before as Record<string, unknown>, changed });
      groups.set(signature, group);
    }
    const afters: Row<T>[] = [];
    for (const [signature, group] of groups) {
      const columns = signature.split(',');
      const sqlText = `update "${table}" as t set ${columns.map((c, i) => `"${c}" = j.value ->> ${i + 2}`).join(', ')}, updated_at = ?
         from jsonb_each(?) as j where t.id = j.value ->> 0 and t.updated_at = j.value ->> 1`;
      for (let start = 0; start < group.length; start += BATCH_ROWS) {
        const batch = group.slice(start, start + BATCH_ROWS);
        const rows = batch.map(({ before, changed }) => [before.id, before.updated_at, ...columns.map((c) => changed[c] ?? null)]);
        const json = JSON.stringify(rows);
        const written = await this.execute(sqlText, [this.now, json]);
        if (written !== batch.length) throw staleWrite(table, await this.notWritten(table, json));
        // The after image is what the statement stored: the values it was given (typed as the
        // columns are, so SQLite keeps them as they are) and the transaction's time.
        const entries: LogEntry[] = [];
        for (const { before, changed } of batch) {
          const afterImage: Record<string, unknown> = {};
          for (const c of columns) afterImage[c] = changed[c] ?? null;
          afterImage.updated_at = this.now;
          entries.push({
            action: 'update',
            table,
            rowId: before.id as string,
            before: Object.fromEntries([...columns, 'updated_at'].map((k) => [k, before[k] ?? null])),
            after: afterImage,
          });
          afters.push({ ...before, ...afterImage } as Row<T>);
        }
        await this.log(entries);
      }
    }
    return afters;
  }

  /** Ids of a failed update batch's rows that were not written: changed since read (their updated_at moved on) or missing. */
  private async notWritten(table: string, json: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `select j.value ->> 0 as id from jsonb_each(?) as j where not exists (select 1 from "${table}" as t where t.id = j.value ->> 0 and t.updated_at = ?)`,
      [json, this.now],
    );
    return rows.map((r) => r.id);
  }

  /** Appends entries to change_log, numbered in order, under this transaction's record (made with the first). */
  private async log(entries: readonly LogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.assertNotHeadOfficeData(entries);
    if (!this.recorded) {
      await insertTxnRecord(this.db, { id: this.txnId, at: this.now }, this.actor, this.cause);
      this.recorded = true;
    }
    await appendEntries(this.db, { id: this.txnId, at: this.now, actor: this.actor }, this.entries, entries);
    await bumpTableVersions(this.db, entries.map((e) => e.table));
    this.entries += entries.length;
  }

  /**
   * Head office's reference data, once head office has sent rows of a table, is changed only by
   * its packages: the branch's own edits of it are refused, whichever feature makes them.
   */
  private async assertNotHeadOfficeData(entries: readonly LogEntry[]): Promise<void> {
    if (this.cause?.kind === 'sync') return;
    for (const table of new Set(entries.map((e) => e.table))) {
      if ((SYNC_TABLES as Record<string, { owner: string } | undefined>)[table]?.owner !== 'hq') continue;
      const [owned] = await this.query<{ value: string }>(`select value from settings where key = ?`, [hqTableSetting(table)]);
      if (owned) {
        throw new AppError('HQ_OWNED', '这项数据由总行统一维护，支行不能修改：如需调整，请联系总行，随总行的同步包下发。', `write to ${table}, which head office owns since it sent rows of it`);
      }
    }
  }

  // Table and column names in these statements come from our code, never from input.
  private async execute(sqlText: string, params: unknown[]): Promise<number> {
    this.signal?.throwIfAborted();
    const result = await this.db.executeQuery(CompiledQuery.raw(sqlText, params));
    return Number(result.numAffectedRows ?? 0n);
  }

  private async query<R>(sqlText: string, params: unknown[]): Promise<R[]> {
    this.signal?.throwIfAborted();
    return (await this.db.executeQuery<R>(CompiledQuery.raw(sqlText, params))).rows;
  }
}

/**
 * Runs `fn` in one write transaction with a WriteContext: all of it lands, or none of it. The
 * transaction's time and id are taken once it holds the write lock. `wait.signal`: a cancel stops
 * the writes at their next statement and rolls all of them back (one that comes after the last
 * statement finds the transaction committing, and it commits), and stops a wait for the write
 * lock another program holds; `wait.onWait` is told when such a wait starts.
 */
export async function withWrite<T>(db: Db, actor: Actor, fn: (w: WriteContext) => Promise<T>, wait: LockWaitHooks = {}): Promise<T> {
  const { signal } = wait;
  return onWriteConnection(() =>
    withLockWaitHooks(wait, () =>
      db.transaction().execute(async (trx) => {
        signal?.throwIfAborted();
        return fn(new WriteContext(trx, actor, await nextTxnClock(trx, Date.now()), signal));
      }),
    ),
  );
}

export interface WriteOptions {
  /**
   * Stops at the call's cancel (see withWrite). Only where a cancel may undo all of it: a handler
   * that writes in steps (a print: numbers, render, 已发出) must finish or void what it started.
   */
  cancellable?: boolean;
}

/** What a call gives the writes it makes: its cancel, and where to say that a write waits for another program's lock. */
export interface CallWriteScope {
  signal?: AbortSignal;
  onLockWait?: () => void;
}

/** A Writer (what handlers that write are given) writing as `actor`: the dispatcher's (the call's signal), the CLI's. */
export function writerAs(db: Db, actor: Actor, scope: CallWriteScope = {}): <T>(fn: (w: WriteContext) => Promise<T>, options?: WriteOptions) => Promise<T> {
  return (fn, options) => withWrite(db, actor, fn, { signal: options?.cancellable === true ? scope.signal : undefined, onWait: scope.onLockWait });
}

/**
 * Whether the driver binds `v` as `value ->> i` of its JSON reads it: text, null, true and false
 * (1 and 0), and 32-bit integers (a larger number it binds as a float, an object as text).
 */
function bindsAsItsJson(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && (v | 0) === v);
}

/**
 * One statement inserts a whole batch, so every row must name the same columns: a column one
 * row left out would otherwise be NULL there instead of its default, or lost from the others.
 */
function assertSameColumns(table: string, columns: readonly string[], values: ReadonlyArray<object>): void {
  const named = new Set(columns);
  const stamps = (k: string) => k === 'id' || k === 'created_at' || k === 'updated_at';
  for (const v of values) {
    let count = 0;
    for (const k in v) {
      if (stamps(k)) continue;
      if (!named.has(k)) throw new Error(`insert into ${table}: row names column ${k} that the first row does not`);
      count++;
    }
    if (count !== columns.length - 1) throw new Error(`insert into ${table}: a row leaves out columns the first row names`);
  }
}

function changedFields(before: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'id' || key === 'created_at' || key === 'updated_at') continue;
    if (value !== undefined && (before[key] ?? null) !== value) changed[key] = value;
  }
  return changed;
}
