import type { Writer } from '../rpc/handler-types';

/** Records that personal data left the database (PIPL): what, for which scope, masked or not, by whom. */
export async function logExport(write: Writer, entry: { kind: string; scope: string; idsMasked: boolean; rows: number }): Promise<void> {
  await write((w) =>
    w.insert('export_log', {
      kind: entry.kind,
      scope: entry.scope,
      ids_masked: entry.idsMasked ? 1 : 0,
      rows: entry.rows,
      actor_id: w.actor.id,
      actor_name: w.actor.name,
    }),
  );
}
