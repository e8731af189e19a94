import type { ArchiveFileDetail } from '../../shared/api/archives';
import { readTransaction, type ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import { filesById } from './file-rows';
import { loadRuleBook } from './required-documents';

/** One file with its checklist in catalogue order, its history and who edited it: one snapshot. */
export async function fileDetail(db: ReadDb, fileId: string, asOf: string): Promise<ArchiveFileDetail> {
  return readTransaction(db, async (trx) => {
    const [row] = await filesById(trx, [fileId], asOf, await loadRuleBook(trx));
    if (!row) throw new AppError('NOT_FOUND', '找不到这份档案，请刷新后重试。', `archive file ${fileId} not found`);
    const [types, events, editors] = await Promise.all([
      trx.selectFrom('archive_doc_types').select(['id', 'name']).orderBy('sort_order').orderBy('name').execute(),
      trx
        .selectFrom('archive_events as e')
        .innerJoin('staff as s', 's.id', 'e.staff_id')
        .leftJoin('archive_batches as ab', 'ab.id', 'e.batch_id')
        .select(['e.action', 'e.note', 'ab.batch_no', 's.display_name', 'e.created_at'])
        .where('e.file_id', '=', fileId)
        .orderBy('e.created_at')
        .orderBy('e.id')
        .execute(),
      trx
        .selectFrom('archive_file_editors as ed')
        .innerJoin('staff as s', 's.id', 'ed.staff_id')
        .select('s.display_name')
        .where('ed.file_id', '=', fileId)
        .orderBy('ed.created_at')
        .execute(),
    ]);
    return {
      row,
      documents: types.filter((t) => row.cells[t.id] !== undefined).map((t) => ({ docTypeId: t.id, name: t.name, ...row.cells[t.id] })),
      events: events.map((e) => ({ action: e.action, note: e.note, batchNo: e.batch_no, staffName: e.display_name, at: e.created_at })),
      editors: editors.map((e) => e.display_name),
    };
  });
}
