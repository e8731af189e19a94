import { sql } from 'kysely';
import { ARCHIVE_STATUS_LABELS, archiveBatchNo } from '../../shared/archive';
import type { ArchiveBatchOutcome } from '../../shared/api/archive-handover';
import { todayLocal } from '../../shared/dates';
import { documentBranchName } from '../../shared/document-number';
import type { SettingKey } from '../auth/settings';
import type { WriteContext } from '../changelog/write-context';
import type { ReadDb } from '../db/read-db';
import type { Row } from '../db/schema';
import { AppError } from '../rpc/app-error';
import { sealManifest, type ManifestFile, MANIFEST_FORMAT, MANIFEST_FORMAT_VERSION } from './manifest';
import { listLoanNos } from '../archives/loan-nos';

type FileRow = Row<'archive_files'> & { loan_no: string; contract_no: string; borrower: string };

/** The files as stored, with what the manifest needs, by loan number (the order head office files them in). */
async function readFiles(db: ReadDb, fileIds: readonly string[]): Promise<FileRow[]> {
  return db
    .selectFrom('archive_files as f')
    .innerJoin('loans as l', 'l.id', 'f.loan_id')
    .innerJoin('borrowers as b', 'b.id', 'l.borrower_id')
    .selectAll('f')
    .select(['l.loan_no', 'l.contract_no', 'b.name as borrower'])
    .where(sql<boolean>`f.id in (select value from json_each(${JSON.stringify(fileIds)}))`)
    .orderBy('l.loan_no')
    .orderBy('f.id')
    .execute();
}

/** Each file's documents marked 有, in catalogue order. */
async function presentDocuments(db: ReadDb, fileIds: readonly string[]): Promise<Map<string, ManifestFile['documents']>> {
  const { rows } = await sql<{ file_id: string; name: string; pages: number | null }>`
    select d.file_id, t.name, d.pages
    from archive_documents d
    join archive_doc_types t on t.id = d.doc_type_id
    where d.state = 'present' and d.file_id in (select value from json_each(${JSON.stringify(fileIds)}))
    order by d.file_id, t.sort_order, t.name`.execute(db);
  const byFile = new Map<string, ManifestFile['documents']>();
  for (const r of rows) {
    const docs = byFile.get(r.file_id) ?? [];
    docs.push({ name: r.name, pages: r.pages });
    byFile.set(r.file_id, docs);
  }
  return byFile;
}

/**
 * Reviewed files (已审查) → one new batch, in the caller's transaction: any file not reviewed
 * refuses the whole batch before anything is written or a number taken. The batch takes the
 * year's next number (max + 1, so none is skipped; the unique (year, seq) index guards a race),
 * stores the manifest exactly as written and its hash, and each file becomes 已移交 with an event.
 */
export async function createBatch(
  w: WriteContext,
  input: { fileIds: string[]; handedOn?: string },
  settings: Partial<Record<SettingKey, string>>,
): Promise<ArchiveBatchOutcome> {
  const handedOn = input.handedOn ?? todayLocal();
  if (handedOn > todayLocal()) throw new AppError('BAD_INPUT', '移交日期不能晚于今天。', `archive handover: handedOn ${handedOn} is in the future`);
  const files = await readFiles(w.trx, input.fileIds);
  if (files.length < input.fileIds.length) {
    const missing = input.fileIds.length - files.length;
    throw new AppError('NOT_FOUND', `有 ${missing} 份档案不存在，请刷新后重试。`, `archive handover: ${missing} file(s) not found`);
  }
  const notReviewed = files.filter((f) => f.status !== 'reviewed');
  if (notReviewed.length > 0) {
    throw new AppError(
      'NOT_REVIEWED',
      `只有已审查的档案才能移交。以下档案未审查：${listLoanNos(notReviewed.map((f) => `${f.loan_no}（${ARCHIVE_STATUS_LABELS[f.status]}）`))}。`,
      `archive handover: ${notReviewed.length} file(s) not reviewed`,
    );
  }
  const early = files.filter((f) => f.disbursed_on > handedOn);
  if (early.length > 0) {
    throw new AppError('BAD_INPUT', `移交日期不能早于放款日：${listLoanNos(early.map((f) => `${f.loan_no}（${f.disbursed_on}）`))}。`, `archive handover: handedOn before disbursement`);
  }

  const documents = await presentDocuments(w.trx, input.fileIds);
  const manifestFiles: ManifestFile[] = files.map((f) => {
    const docs = documents.get(f.id) ?? [];
    return {
      loanNo: f.loan_no,
      contractNo: f.contract_no,
      borrower: f.borrower,
      disbursedOn: f.disbursed_on,
      documents: docs,
      pages: docs.reduce((s, d) => s + (d.pages ?? 0), 0),
    };
  });
  const totals = {
    files: manifestFiles.length,
    documents: manifestFiles.reduce((s, f) => s + f.documents.length, 0),
    pages: manifestFiles.reduce((s, f) => s + f.pages, 0),
  };

  const year = Number(handedOn.slice(0, 4));
  const last = await w.trx.selectFrom('archive_batches').select((eb) => eb.fn.max('seq').as('seq')).where('year', '=', year).executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const batchNo = archiveBatchNo(documentBranchName(settings.branch_name), year, seq);
  const { manifest, text } = sealManifest({
    format: MANIFEST_FORMAT,
    formatVersion: MANIFEST_FORMAT_VERSION,
    batch: { no: batchNo, year, seq, handedOn, handedBy: w.actor.name },
    branch: { code: settings.branch_code ?? '', name: settings.branch_name ?? '' },
    files: manifestFiles,
    totals,
  });

  const batch = await w.insert('archive_batches', {
    batch_no: batchNo,
    year,
    seq,
    handed_on: handedOn,
    files: totals.files,
    documents: totals.documents,
    pages: totals.pages,
    manifest: text,
    sha256: manifest.sha256,
    status: 'sent',
    received_on: null,
    receipt_source: null,
    staff_id: w.actor.id,
  });
  await w.updateMany(
    'archive_files',
    files.map(({ loan_no: _n, contract_no: _c, borrower: _b, ...before }) => ({ before, patch: { status: 'handed_over' as const, batch_id: batch.id, status_note: '' } })),
  );
  await w.insertMany(
    'archive_events',
    files.map((f) => ({ file_id: f.id, action: 'handover' as const, note: batchNo, batch_id: batch.id, staff_id: w.actor.id })),
  );
  return { batchId: batch.id, batchNo, ...totals, sha256: manifest.sha256 };
}
