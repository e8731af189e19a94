import { CompiledQuery, type Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/connection';
import type { Database, LoggedTable, NewRow, Row, RowPatch } from '../db/schema';

/** Who is writing; stamped on every change-log entry. */
export interface Actor {
  id: string | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

// SQLite allows 32766 bound parameters per statement; stay well below it.
const MAX_PARAMS = 30000;

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
 */
export class WriteContext {
  readonly txnId = uuidv7();
  private readonly pending: Change[] = [];

  constructor(
    readonly trx: Transaction<Database>,
    readonly actor: Actor,
    readonly now: number,
  ) {}

  // Kysely cannot type a query over a table chosen by a generic parameter; rows are typed at the API.
  private get anyTrx(): Transaction<any> {
    return this.trx as unknown as Transaction<any>;
  }

  async insert<T extends LoggedTable>(table: T, values: Omit<NewRow<T>, 'id' | 'created_at' | 'updated_at'> & { id?: string }): Promise<Row<T>> {
    const [row] = await this.insertMany(table, [values]);
    return row;
  }

  /** Multi-row INSERTs in batches, for imports: a round trip per batch, not per row. */
  async insertMany<T extends LoggedTable>(
    table: T,
    values: ReadonlyArray<Omit<NewRow<T>, 'id' | 'created_at' | 'updated_at'> & { id?: string }>,
  ): Promise<Row<T>[]> {
    if (values.length === 0) return [];
    const rows = values.map(
      (v) => ({ ...v, id: v.id ?? uuidv7(), created_at: this.now, updated_at: this.now }) as unknown as Row<T>,
    );
    await this.bulkInsert(table, rows as unknown as Record<string, unknown>[]);
    for (const row of rows) {
      this.record({ action: 'insert', table, rowId: (row as { id: string }).id, before: null, after: row });
    }
    await this.flushLog();
    return rows;
  }

  /**
   * Applies `patch` to the row if it changes anything; returns the new row, or null when
   * nothing changed (no write, no log entry).
   */
  async update<T extends LoggedTable>(table: T, before: Row<T>, patch: RowPatch<T>): Promise<Row<T> | null> {
    const after = await this.applyUpdate(table, before, patch);
    await this.flushLog();
    return after;
  }

  /** Many updates with their log entries written in batches; returns how many rows changed. */
  async updateMany<T extends LoggedTable>(table: T, updates: ReadonlyArray<{ before: Row<T>; patch: RowPatch<T> }>): Promise<number> {
    let changed = 0;
    for (const { before, patch } of updates) {
      if (await this.applyUpdate(table, before, patch)) changed++;
      if (this.pending.length >= 5000) await this.flushLog();
    }
    await this.flushLog();
    return changed;
  }

  private async applyUpdate<T extends LoggedTable>(table: T, before: Row<T>, patch: RowPatch<T>): Promise<Row<T> | null> {
    const changed = changedFields(before as Record<string, unknown>, patch as Record<string, unknown>);
    if (Object.keys(changed).length === 0) return null;
    const after = { ...before, ...changed, updated_at: this.now } as Row<T>;
    await this.anyTrx
      .updateTable(table as string)
      .set({ ...changed, updated_at: this.now })
      .where('id', '=', (before as { id: string }).id)
      .execute();
    this.record({ action: 'update', table, rowId: (before as { id: string }).id, before, after });
    return after;
  }

  /** Loads the row by id and updates it; throws if the row does not exist. */
  async updateById<T extends LoggedTable>(table: T, id: string, patch: RowPatch<T>): Promise<Row<T> | null> {
    const before = (await this.anyTrx
      .selectFrom(table as string)
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()) as Row<T>;
    return this.update(table, before, patch);
  }

  async delete<T extends LoggedTable>(table: T, before: Row<T>): Promise<void> {
    await this.anyTrx
      .deleteFrom(table as string)
      .where('id', '=', (before as { id: string }).id)
      .execute();
    this.record({ action: 'delete', table, rowId: (before as { id: string }).id, before, after: null });
    await this.flushLog();
  }

  /**
   * Multi-row INSERTs as plain SQL: for imports of 100k rows, building Kysely query trees
   * costs more than SQLite's own work. Table and column names come from our code, never input.
   */
  private async bulkInsert(table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]);
    const size = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
    const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    for (let i = 0; i < rows.length; i += size) {
      const batch = rows.slice(i, i + size);
      const params: unknown[] = [];
      for (const row of batch) for (const c of columns) params.push(row[c] ?? null);
      await this.trx.executeQuery(CompiledQuery.raw(head + new Array(batch.length).fill(tuple).join(', '), params));
    }
  }

  /** For keyed tables outside LoggedTable (settings): the caller wrote the row itself. */
  async logRaw(change: Change): Promise<void> {
    this.record(change);
    await this.flushLog();
  }

  private record(change: Change): void {
    this.pending.push(change);
  }

  private async flushLog(): Promise<void> {
    if (this.pending.length === 0) return;
    const entries = this.pending.splice(0).map((c) => ({
      id: uuidv7(),
      txn_id: this.txnId,
      at: this.now,
      actor_id: this.actor.id,
      actor_name: this.actor.name,
      action: c.action,
      table_name: c.table,
      row_id: c.rowId,
      before_json: c.before === null ? null : JSON.stringify(c.before),
      after_json: c.after === null ? null : JSON.stringify(c.after),
    }));
    await this.bulkInsert('change_log', entries);
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
