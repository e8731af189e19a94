import type { ArchiveDocState } from '../../shared/archive';
import type { Caller } from '../auth/caller';
import type { WriteContext } from '../changelog/write-context';
import type { Row } from '../db/schema';
import { AppError } from '../rpc/app-error';
import { assertEditable, assertMayWorkOnFiles, readFiles, recordEditor } from './file-access';
import { loadRuleBook } from './required-documents';
import { submitFiles } from './file-review';

export interface CellChange {
  docTypeId: string;
  state: ArchiveDocState;
  pages?: number | null;
}

/** A file's version as the grid shows it: its own stamp or its newest checklist cell's. */
export async function fileVersion(w: WriteContext, fileId: string): Promise<number> {
  const row = await w.trx
    .selectFrom('archive_files as f')
    .select((eb) => [
      'f.updated_at',
      eb.selectFrom('archive_documents as d').select((e) => e.fn.max('d.updated_at').as('m')).whereRef('d.file_id', '=', 'f.id').as('docs'),
    ])
    .where('f.id', '=', fileId)
    .executeTakeFirst();
  return Math.max(row?.updated_at ?? 0, Number(row?.docs ?? 0));
}

/** Sets cells of one file's checklist, refused when the file changed since the caller read it. */
export async function setDocuments(w: WriteContext, user: Caller, fileId: string, updatedAt: number, cells: readonly CellChange[]): Promise<void> {
  const [file] = await readFiles(w, [fileId]);
  if ((await fileVersion(w, fileId)) !== updatedAt) {
    throw new AppError('STALE_WRITE', `档案 ${file.loan_no} 已被其他人修改，本次修改未保存。请刷新后重试。`, `archive file ${fileId} changed since ${updatedAt}`);
  }
  assertEditable([file]);
  await assertMayWorkOnFiles(w, user, [file]);
  await assertTypesUsable(w, cells.map((c) => c.docTypeId), [file.id]);
  await writeCells(w, [{ fileId: file.id, cells }]);
  await recordEditor(w, [file.id]);
}

/**
 * Bulk fill: one state for some types, or for every type each file needs ('required'), of many
 * files; then, if asked, submits them for review. Page counts already entered are kept.
 */
export async function fillDocuments(
  w: WriteContext,
  user: Caller,
  fileIds: readonly string[],
  docTypeIds: 'required' | readonly string[],
  state: ArchiveDocState,
  submit: boolean,
): Promise<{ files: number; cells: number; submitted: number }> {
  const files = await readFiles(w, fileIds);
  assertEditable(files);
  await assertMayWorkOnFiles(w, user, files);
  const rules = await loadRuleBook(w.trx);
  if (docTypeIds !== 'required') await assertTypesUsable(w, docTypeIds, fileIds);
  const cells = await writeCells(
    w,
    files.map((file) => ({
      fileId: file.id,
      cells: (docTypeIds === 'required' ? [...rules.required(file.product, file.guarantee_type)] : docTypeIds).map((docTypeId) => ({ docTypeId, state })),
    })),
  );
  await recordEditor(w, fileIds);
  const submitted = submit ? (await submitFiles(w, user, fileIds)).submitted : 0;
  return { files: files.length, cells, submitted };
}

/** Types must exist; an inactive one only where a file already has it (it can be corrected, not added). */
async function assertTypesUsable(w: WriteContext, docTypeIds: readonly string[], fileIds: readonly string[]): Promise<void> {
  const unique = [...new Set(docTypeIds)];
  const types = await w.trx.selectFrom('archive_doc_types').select(['id', 'name', 'active']).where('id', 'in', unique).execute();
  if (types.length < unique.length) throw new AppError('NOT_FOUND', '资料类型不存在，请刷新后重试。', `unknown archive doc types in ${unique.join(', ')}`);
  const inactive = types.filter((t) => t.active !== 1);
  if (inactive.length === 0) return;
  const present = await w.trx
    .selectFrom('archive_documents')
    .select('doc_type_id')
    .where('file_id', 'in', [...fileIds])
    .where(
      'doc_type_id',
      'in',
      inactive.map((t) => t.id),
    )
    .execute();
  const had = new Set(present.map((p) => p.doc_type_id));
  const refused = inactive.filter((t) => !had.has(t.id));
  if (refused.length > 0) throw new AppError('INVALID_INPUT', `资料“${refused[0].name}”已停用，不能再登记。`, `archive doc type ${refused[0].id} is inactive`);
}

/** Upserts cells; pages are kept for a present document unless given, and dropped otherwise. Returns the cells changed. */
async function writeCells(w: WriteContext, entries: ReadonlyArray<{ fileId: string; cells: readonly CellChange[] }>): Promise<number> {
  const existing = await w.trx
    .selectFrom('archive_documents')
    .selectAll()
    .where(
      'file_id',
      'in',
      entries.map((e) => e.fileId),
    )
    .execute();
  const byKey = new Map(existing.map((d) => [`${d.file_id}/${d.doc_type_id}`, d]));
  const inserts: Array<Pick<Row<'archive_documents'>, 'file_id' | 'doc_type_id' | 'state' | 'pages'>> = [];
  const updates: Array<{ before: Row<'archive_documents'>; patch: Partial<Row<'archive_documents'>> }> = [];
  for (const { fileId, cells } of entries) {
    for (const c of cells) {
      const before = byKey.get(`${fileId}/${c.docTypeId}`);
      const pages = c.state !== 'present' ? null : c.pages !== undefined ? c.pages : (before?.pages ?? null);
      if (!before) inserts.push({ file_id: fileId, doc_type_id: c.docTypeId, state: c.state, pages });
      else if (before.state !== c.state || before.pages !== pages) updates.push({ before, patch: { state: c.state, pages } });
    }
  }
  if (inserts.length > 0) await w.insertMany('archive_documents', inserts);
  if (updates.length > 0) await w.updateMany('archive_documents', updates);
  return inserts.length + updates.length;
}
