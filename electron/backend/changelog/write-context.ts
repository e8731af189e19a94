import { CompiledQuery, type Transaction } from 'kysely';
import { newId } from '../db/new-id';
import type { Db } from '../db/connection';
import type { Database, LoggedTable, NewRow, Row, RowPatch } from '../db/schema';

/** Who is writing; stamped on every change-log entry. */
export interface Actor {
  id: string | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

/** Columns never copied into the change log (it is kept for years and sent to head office). */
const SECRET_COLUMNS: Partial<Record<string, readonly string[]>> = { staff: ['password_hash'] };

function redacted(table: string, row: unknown): unknown {
  const secret = SECRET_COLUMNS[table];
  if (!secret || row === null) return row;
  const copy = { ...(row as Record<string, unknown>) };
  for (const c of secret) if (c in copy) copy[c] = '[redacted]';
  return copy;
}

function redactedJsonSql(table: string): string {
  const secret = SECRET_COLUMNS[table];
  return secret ? `json_set(value, ${secret.map((c) => `'$.${c}', '[redacted]'`).join(', ')})` : 'value';
}

// Rows per statement: large enough to amortise the round trip, small enough to bound memory.
const BATCH_ROWS = 5000;

export type Change = {
  action: 'insert' | 'update' | 'delete';
  table: string;
  rowId: string;
  before: unknown;
  after: unknown;
};

/**
 * The one path for writes to synced tables: each write stamps id/created_at/updated_at
 * and appends its before/after to change_log in the same transaction. Nothing writes around it.
 *
 * Rows travel to SQLite as one JSON array per batch, unpacked by json_each: one bound
 * parameter instead of thousands, and the same JSON text becomes each insert's log entry.
 * Log entry ids are `<txn id>:<n>`: unique, and ordered within the transaction.
 */
export class WriteContext {
  readonly txnId = newId();
  private logSeq = 0;
  private readonly pending: Change[] = [];

  constructor(
    readonly trx: Transaction<Database>,
    readonly actor: Actor,
    readonly now: number,
  ) {}

  async insert<T extends LoggedTable>(table: T, values: Omit<NewRow<T>, 'id' | 'created_at' | 'updated_at'> & { id?: string }): Promise<Row<T>> {
    const [row] = await this.insertMany(table, [values]);
    return row;
  }

  /** Inserts rows in large batches, each with its change-log entry. */
  async insertMany<T extends LoggedTable>(
    table: T,
    values: ReadonlyArray<Omit<NewRow<T>, 'id' | 'created_at' | 'updated_at'> & { id?: string }>,
  ): Promise<Row<T>[]> {
    if (values.length === 0) return [];
    const rows = values.map((v) => ({ ...v, id: v.id ?? newId(), created_at: this.now, updated_at: this.now }) as unknown as Row<T>);
    const columns = Object.keys(rows[0] as object);
    const picks = columns.map((c) => `value ->> '$.${c}'`).join(', ');
    for (let i = 0; i < rows.length; i += BATCH_ROWS) {
      const batch = rows.slice(i, i + BATCH_ROWS);
      const json = JSON.stringify(batch);
      await this.run(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) select ${picks} from json_each(?)`, [json]);
      await this.run(
        `insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
         select ? || ':' || (? + key), ?, ?, ?, ?, 'insert', ?, value ->> '$.id', null, ${redactedJsonSql(table)} from json_each(?)`,
        [this.txnId, this.logSeq, this.txnId, this.now, this.actor.id, this.actor.name, table, json],
      );
      this.logSeq += batch.length;
    }
    return rows;
  }

  /**
   * Applies `patch` to the row if it changes anything; returns the new row, or null when
   * nothing changed (no write, no log entry).
   */
  async update<T extends LoggedTable>(table: T, before: Row<T>, patch: RowPatch<T>): Promise<Row<T> | null> {
    const [after] = await this.applyUpdates(table, [{ before, patch }]);
    return after ?? null;
  }

  /** Many updates in batches, with their log entries; returns how many rows changed. */
  async updateMany<T extends LoggedTable>(table: T, updates: ReadonlyArray<{ before: Row<T>; patch: RowPatch<T> }>): Promise<number> {
    let changed = 0;
    for (let i = 0; i < updates.length; i += BATCH_ROWS) changed += (await this.applyUpdates(table, updates.slice(i, i + BATCH_ROWS))).length;
    return changed;
  }

  /** Loads the row by id and updates it; throws if the row does not exist. */
  async updateById<T extends LoggedTable>(table: T, id: string, patch: RowPatch<T>): Promise<Row<T> | null> {
    const before = (await (this.trx as unknown as Transaction<any>)
      .selectFrom(table as string)
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()) as Row<T>;
    return this.update(table, before, patch);
  }

  async delete<T extends LoggedTable>(table: T, before: Row<T>): Promise<void> {
    const id = (before as { id: string }).id;
    await this.run(`delete from "${table}" where id = ?`, [id]);
    this.pending.push({ action: 'delete', table, rowId: id, before, after: null });
    await this.flushLog();
  }

  /** For keyed tables outside LoggedTable (settings): the caller wrote the row itself. */
  async logRaw(change: Change): Promise<void> {
    this.pending.push(change);
    await this.flushLog();
  }

  /** Updates the rows that really change, by id, with one UPDATE … FROM json_each per batch. */
  private async applyUpdates<T extends LoggedTable>(table: T, updates: ReadonlyArray<{ before: Row<T>; patch: RowPatch<T> }>): Promise<Row<T>[]> {
    const afters: Row<T>[] = [];
    const changedColumns = new Set<string>();
    for (const { before, patch } of updates) {
      const changed = changedFields(before as Record<string, unknown>, patch as Record<string, unknown>);
      if (Object.keys(changed).length === 0) continue;
      Object.keys(changed).forEach((c) => changedColumns.add(c));
      const after = { ...before, ...changed, updated_at: this.now } as Row<T>;
      afters.push(after);
      this.pending.push({ action: 'update', table, rowId: (before as { id: string }).id, before, after });
    }
    if (afters.length === 0) return [];
    const columns = [...changedColumns, 'updated_at'];
    await this.run(
      `update "${table}" as t set ${columns.map((c) => `"${c}" = j.value ->> '$.${c}'`).join(', ')}
       from json_each(?) as j where t.id = j.value ->> '$.id'`,
      [JSON.stringify(afters)],
    );
    await this.flushLog();
    return afters;
  }

  private async flushLog(): Promise<void> {
    if (this.pending.length === 0) return;
    const entries = this.pending.splice(0).map((c) => ({
      id: `${this.txnId}:${this.logSeq++}`,
      action: c.action,
      table_name: c.table,
      row_id: c.rowId,
      before_json: c.before === null ? null : JSON.stringify(redacted(c.table, c.before)),
      after_json: c.after === null ? null : JSON.stringify(redacted(c.table, c.after)),
    }));
    await this.run(
      `insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
       select value ->> '$.id', ?, ?, ?, ?, value ->> '$.action', value ->> '$.table_name', value ->> '$.row_id',
              value ->> '$.before_json', value ->> '$.after_json'
       from json_each(?)`,
      [this.txnId, this.now, this.actor.id, this.actor.name, JSON.stringify(entries)],
    );
  }

  // Table and column names in these statements come from our code, never from input.
  private async run(sqlText: string, params: unknown[]): Promise<void> {
    await this.trx.executeQuery(CompiledQuery.raw(sqlText, params));
  }
}

/** Runs `fn` in one transaction with a WriteContext: all of it lands, or none of it. */
export async function withWrite<T>(db: Db, actor: Actor, fn: (w: WriteContext) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => fn(new WriteContext(trx, actor, Date.now())));
}

function changedFields(before: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined && (before[key] ?? null) !== value) changed[key] = value;
  }
  return changed;
}
