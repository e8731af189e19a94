import { sql } from 'kysely';
import type { ArchiveBatchLine, ArchiveBatchView } from '../../shared/api/archive-handover';
import type { ArchiveStatus } from '../../shared/archive';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import { parseStoredManifest } from './manifest';

/** Every hand-over batch to head office, newest first. */
export async function listArchiveBatches(db: ReadDb): Promise<ArchiveBatchView[]> {
  const rows = await db
    .selectFrom('archive_batches as ab')
    .leftJoin('staff as s', 's.id', 'ab.staff_id')
    .select([
      'ab.id',
      'ab.batch_no',
      'ab.handed_on',
      'ab.files',
      'ab.documents',
      'ab.pages',
      'ab.sha256',
      'ab.status',
      'ab.received_on',
      'ab.received_by',
      'ab.receipt_source',
      'ab.received_files',
      'ab.discrepancy_files',
      'ab.created_at',
      's.display_name',
    ])
    .orderBy('ab.year', 'desc')
    .orderBy('ab.seq', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    batchNo: r.batch_no,
    handedOn: r.handed_on,
    files: r.files,
    documents: r.documents,
    pages: r.pages,
    sha256: r.sha256,
    status: r.status,
    receivedOn: r.received_on,
    receivedBy: r.received_by,
    receiptSource: r.receipt_source,
    receivedFiles: r.received_files,
    discrepancyFiles: r.discrepancy_files,
    staffName: r.display_name ?? '',
    createdAt: r.created_at,
  }));
}

export async function readArchiveBatch(db: ReadDb, batchId: string) {
  const batch = await db
    .selectFrom('archive_batches as ab')
    .leftJoin('staff as s', 's.id', 'ab.staff_id')
    .selectAll('ab')
    .select('s.display_name as staff_name')
    .where('ab.id', '=', batchId)
    .executeTakeFirst();
  if (!batch) throw new AppError('NOT_FOUND', '找不到这个档案移交批次，请刷新后重试。', `archive batch ${batchId} not found`);
  return batch;
}

/** A batch's files as its manifest lists them (what was sent), each with its file's status now. */
export async function archiveBatchLines(db: ReadDb, batchId: string): Promise<ArchiveBatchLine[]> {
  const batch = await readArchiveBatch(db, batchId);
  const manifest = parseStoredManifest(batch.manifest);
  const { rows } = await sql<{ id: string; loan_no: string; status: ArchiveStatus; status_note: string }>`
    select f.id, l.loan_no, f.status, f.status_note
    from archive_files f
    join loans l on l.id = f.loan_id
    where l.loan_no in (select value from json_each(${JSON.stringify(manifest.files.map((f) => f.loanNo))}))`.execute(db);
  const byNo = new Map(rows.map((r) => [r.loan_no, r]));
  return manifest.files.map((f) => {
    const now = byNo.get(f.loanNo);
    return {
      fileId: now?.id ?? '',
      loanNo: f.loanNo,
      borrower: f.borrower,
      documents: f.documents,
      pages: f.pages,
      // Loans are never deleted: a file sent is always found; were it not, it is where the batch left it.
      status: now?.status ?? 'handed_over',
      statusNote: now?.status_note ?? '',
    };
  });
}
