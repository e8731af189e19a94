import type { ImportRecord, ImportRowIssue, ImportWarning } from '../../shared/api/imports';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';

export async function listImports(db: ReadDb, limit = 200): Promise<ImportRecord[]> {
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

/** An import's rejected rows and warnings, kept in its record. */
export async function importIssues(db: ReadDb, importId: string): Promise<{ rejected: ImportRowIssue[]; warnings: ImportWarning[] }> {
  const row = await db.selectFrom('imports').select(['rejected_json', 'warnings_json']).where('id', '=', importId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '找不到该导入记录', `import ${importId} not found`);
  return { rejected: JSON.parse(row.rejected_json) as ImportRowIssue[], warnings: JSON.parse(row.warnings_json) as ImportWarning[] };
}
