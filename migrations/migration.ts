import type { Kysely } from 'kysely';

/**
 * One schema step. Frozen once released: a migration never imports app code and is never
 * edited. New ones are numbered with gaps (0010, 0020, …) so that a fix can go between two
 * releases.
 */
export interface SchemaMigration {
  /**
   * `log` records what the step did to rows of change-logged tables (from 0010 on): nothing may
   * write around the change log, migrations included. A step that only changes the schema needs it not.
   */
  up(db: Kysely<any>, log: MigrationLog): Promise<void>;
  /**
   * 'off': the step runs on its own, outside the batch transaction, with foreign keys off —
   * SQLite's table-rebuild recipe (needed to change a CHECK or NOT NULL constraint) drops a
   * table that others refer to. `foreign_key_check` must come back empty before it commits.
   */
  foreignKeys?: 'off';
}

/** A row a migration inserted, changed or deleted: images as stored (an update: the changed columns, before and after). */
export interface MigrationRowChange {
  action: 'insert' | 'update' | 'delete';
  table: string;
  rowId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface MigrationLog {
  changed(changes: readonly MigrationRowChange[]): Promise<void>;
}
