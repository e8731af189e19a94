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

function redactedJsonSql(table: string, objectSql: string): string {
  const secret = SECRET_COLUMNS[table];
  return secret ? `json_set(${objectSql}, ${secret.map((c) => `'$.${c}', '[redacted]'`).join(', ')})` : objectSql;
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

type NewValues<T extends LoggedTable> = Omit<NewRow<T>, 'id' | 'created_at' | 'updated_at'> & { id?: string };

/**
 * The one path for writes to synced tables: each write stamps id/created_at/updated_at
 * and appends its before/after to change_log in the same transaction. Nothing writes around it.
 *
 * Rows travel to SQLite as one JSON array of arrays per batch, unpacked by jsonb_each: one
 * bound parameter instead of thousands (the sqlite3 driver's cost is per bound value), and
 * positional `value ->> i` on JSONB is ~3× cheaper than looking keys up in JSON objects.
 * Log entry ids are `<txn id>:<n>`: unique, and ordered within the transaction. An update's
 * entry holds the changed columns only (before and after), plus updated_at.
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

  async insert<T extends LoggedTable>(table: T, values: NewValues<T>): Promise<Row<T>> {
    const [row] = await this.insertMany(table, [values]);
    return row;
  }

  /** Inserts rows in large batches, each with its own change-log entry. */
  async insertMany<T extends LoggedTable>(table: T, values: ReadonlyArray<NewValues<T>>): Promise<Row<T>[]> {
    const rows = values.map((v) => ({ ...v, id: v.id ?? newId(), created_at: this.now, updated_at: this.now }) as unknown as Row<T>);
    await this.insertBatches(table, rows as unknown as ReadonlyArray<NewValues<T>>, 'per-row');
    return rows;
  }

  /**
   * Inserts rows whose source is recorded elsewhere (an import file and its `imports` row):
   * the change log gets one `insert_rows` entry per batch, `{"ids": [...]}`, naming the rows
   * instead of copying them. Core-system data goes from head office to branches, never back
   * (DOMAIN.md), so sync has no use for a copy, and it would make a county import's log as
   * large as its rows. What a row held when inserted is the row as stored, less the changes
   * logged after (each with its before values). Returns the ids, in order.
   */
  async insertBulk<T extends LoggedTable>(table: T, values: ReadonlyArray<NewValues<T>>): Promise<string[]> {
    const ids = values.map((v) => v.id ?? newId());
    await this.insertBatches(table, values, 'per-batch', ids);
    return ids;
  }

  private async insertBatches<T extends LoggedTable>(
    table: T,
    values: ReadonlyArray<NewValues<T>>,
    logging: 'per-row' | 'per-batch',
    ids?: readonly string[],
  ): Promise<void> {
    if (values.length === 0) return;
    // Stamps are the same for every row: bound once, not carried per row. The id is column 0.
    const columns = ['id', ...Object.keys(values[0] as object).filter((c) => c !== 'id' && c !== 'created_at' && c !== 'updated_at')];
    assertSameColumns(table, columns, values);
    const insertSql = `insert into "${table}" (${[...columns, 'created_at', 'updated_at'].map((c) => `"${c}"`).join(', ')})
       select ${columns.map((_, i) => `value ->> ${i}`).join(', ')}, ?, ? from jsonb_each(?)`;
    for (let start = 0; start < values.length; start += BATCH_ROWS) {
      const batch: unknown[][] = [];
      for (let i = start; i < Math.min(start + BATCH_ROWS, values.length); i++) {
        const v = values[i] as Record<string, unknown>;
        const row: unknown[] = [ids ? ids[i] : v.id];
        for (let c = 1; c < columns.length; c++) row.push(v[columns[c]] ?? null);
        batch.push(row);
      }
      const json = JSON.stringify(batch);
      await this.run(insertSql, [this.now, this.now, json]);
      if (logging === 'per-row') {
        const keys = columns.map((c, i) => `'${c}', value -> ${i}`).join(', ');
        await this.run(
          `insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
           select ? || ':' || (? + key), ?, ?, ?, ?, 'insert', ?, value ->> 0, null,
                  ${redactedJsonSql(table, `json_object(${keys}, 'created_at', ?, 'updated_at', ?)`)}
           from jsonb_each(?)`,
          [this.txnId, this.logSeq, this.txnId, this.now, this.actor.id, this.actor.name, table, this.now, this.now, json],
        );
        this.logSeq += batch.length;
      } else {
        // One entry per batch naming its rows; each row's created_at and updated_at are the entry's `at`.
        await this.run(
          `insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
           values (?, ?, ?, ?, ?, 'insert_rows', ?, null, null, ?)`,
          [`${this.txnId}:${this.logSeq++}`, this.txnId, this.now, this.actor.id, this.actor.name, table, JSON.stringify({ ids: batch.map((r) => r[0]) })],
        );
      }
    }
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

  /** Updates the rows that really change, by id, with one UPDATE … FROM jsonb_each per batch. */
  private async applyUpdates<T extends LoggedTable>(table: T, updates: ReadonlyArray<{ before: Row<T>; patch: RowPatch<T> }>): Promise<Row<T>[]> {
    const afters: Row<T>[] = [];
    const changedColumns = new Set<string>();
    for (const { before, patch } of updates) {
      const changed = changedFields(before as Record<string, unknown>, patch as Record<string, unknown>);
      const keys = Object.keys(changed);
      if (keys.length === 0) continue;
      keys.forEach((c) => changedColumns.add(c));
      const id = (before as { id: string }).id;
      afters.push({ ...before, ...changed, updated_at: this.now } as Row<T>);
      const b = before as Record<string, unknown>;
      this.pending.push({
        action: 'update',
        table,
        rowId: id,
        before: Object.fromEntries([...keys, 'updated_at'].map((k) => [k, b[k] ?? null])),
        after: { ...changed, updated_at: this.now },
      });
    }
    if (afters.length === 0) return [];
    // Every changed column of the batch is set on every row; a row that did not change one
    // carries its current value (from `before`), so one statement serves the whole batch.
    const columns = [...changedColumns];
    const rows = afters.map((a) => [(a as { id: string }).id, ...columns.map((c) => (a as Record<string, unknown>)[c] ?? null)]);
    await this.run(
      `update "${table}" as t set ${columns.map((c, i) => `"${c}" = j.value ->> ${i + 1}`).join(', ')}, updated_at = ?
       from jsonb_each(?) as j where t.id = j.value ->> 0`,
      [this.now, JSON.stringify(rows)],
    );
    await this.flushLog();
    return afters;
  }

  private async flushLog(): Promise<void> {
    if (this.pending.length === 0) return;
    const entries = this.pending.splice(0).map((c) => [
      `${this.txnId}:${this.logSeq++}`,
      c.action,
      c.table,
      c.rowId,
      c.before === null ? null : JSON.stringify(redacted(c.table, c.before)),
      c.after === null ? null : JSON.stringify(redacted(c.table, c.after)),
    ]);
    await this.run(
      `insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
       select value ->> 0, ?, ?, ?, ?, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
       from jsonb_each(?)`,
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
    if (value !== undefined && (before[key] ?? null) !== value) changed[key] = value;
  }
  return changed;
}
