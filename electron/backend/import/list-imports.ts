import type { ImportRecord } from '../../shared/api/imports';
import type { Db } from '../db/connection';

export async function listImports(db: Db, limit = 200): Promise<ImportRecord[]> {
  const rows = await db.selectFrom('imports').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    sha256: r.sha256,
    asOf: r.as_of,
    fullExport: r.full_export === 1,
    actorName: r.actor_name,
    createdAt: r.created_at,
    rowsRead: r.rows_read,
    accepted: r.accepted,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    duplicates: r.duplicates,
    settled: r.settled,
    rejected: (JSON.parse(r.rejected_json) as unknown[]).length,
    warnings: (JSON.parse(r.warnings_json) as unknown[]).length,
  }));
}
