import { withWrite, type Actor } from '../changelog/write-context';
import type { Db } from '../db/connection';

/** Records that personal data left the database (PIPL): what, for which scope, masked or not, by whom. */
export async function logExport(db: Db, actor: Actor, entry: { kind: string; scope: string; idsMasked: boolean; rows: number }): Promise<void> {
  await withWrite(db, actor, (w) =>
    w.insert('export_log', {
      kind: entry.kind,
      scope: entry.scope,
      ids_masked: entry.idsMasked ? 1 : 0,
      rows: entry.rows,
      actor_id: actor.id,
      actor_name: actor.name,
    }),
  );
}
