import type { Kysely } from 'kysely';

/**
 * One schema step. Frozen once released: a migration never imports app code and is never
 * edited. New ones are numbered with gaps (0010, 0020, …) so that a fix can go between two
 * releases.
 */
export interface SchemaMigration {
  up(db: Kysely<any>): Promise<void>;
  /**
   * 'off': the step runs on its own, outside the batch transaction, with foreign keys off —
   * SQLite's table-rebuild recipe (needed to change a CHECK or NOT NULL constraint) drops a
   * table that others refer to. `foreign_key_check` must come back empty before it commits.
   */
  foreignKeys?: 'off';
}
