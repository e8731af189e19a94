import { sql } from 'kysely';
import type { HandoverBatchView, HandoverLineView } from '../../shared/api/handover';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';

export const TRANSMITTAL_KIND = 'handover-transmittal';

/** Every hand-over batch, newest first, with how many of its loans came back and how often its list was printed. */
export async function listBatches(db: ReadDb): Promise<HandoverBatchView[]> {
  const rows = await db
    .selectFrom('handover_batches as hb')
    .leftJoin('staff as s', 's.id', 'hb.staff_id')
    .select((eb) => [
      'hb.id',
      'hb.batch_no',
      'hb.year',
      'hb.seq',
      'hb.handed_on',
      'hb.receiver',
      'hb.note',
      'hb.loans',
      'hb.balance_fen',
      'hb.interest_owed_fen',
      'hb.created_at',
      's.display_name',
      eb
        .selectFrom('loan_handovers as h')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('h.batch_id', '=', 'hb.id')
        .where('h.returned_on', 'is not', null)
        .as('returned'),
      // Each print's title starts with the batch number (the first print also has it as doc_no).
      sql<number>`(select count(*) from printed_documents p where p.kind = ${TRANSMITTAL_KIND} and substr(p.title, 1, length(hb.batch_no)) = hb.batch_no)`.as('prints'),
    ])
    .orderBy('hb.year', 'desc')
    .orderBy('hb.seq', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    batchNo: r.batch_no,
    year: r.year,
    seq: r.seq,
    handedOn: r.handed_on,
    receiver: r.receiver,
    note: r.note,
    loans: r.loans,
    balanceFen: r.balance_fen,
    interestOwedFen: r.interest_owed_fen,
    staffName: r.display_name ?? '',
    returned: Number(r.returned ?? 0),
    prints: Number(r.prints ?? 0),
    createdAt: r.created_at,
  }));
}

export async function readBatch(db: ReadDb, batchId: string) {
  const batch = await db
    .selectFrom('handover_batches as hb')
    .leftJoin('staff as s', 's.id', 'hb.staff_id')
    .selectAll('hb')
    .select('s.display_name as staff_name')
    .where('hb.id', '=', batchId)
    .executeTakeFirst();
  if (!batch) throw new AppError('NOT_FOUND', '找不到这个移交批次，请刷新后重试。', `handover batch ${batchId} not found`);
  return batch;
}

/** A batch's lines in line order: the figures as stored at hand-over, the names as they are now. */
export async function batchLines(db: ReadDb, batchId: string): Promise<HandoverLineView[]> {
  const rows = await db
    .selectFrom('loan_handovers as h')
    .innerJoin('loans as l', 'l.id', 'h.loan_id')
    .innerJoin('borrowers as b', 'b.id', 'l.borrower_id')
    .leftJoin('villages as v', 'v.id', 'b.village_id')
    .leftJoin('staff as s', 's.id', 'h.manager_id')
    .select([
      'h.line_no',
      'h.loan_id',
      'l.loan_no',
      'b.name',
      'v.name as village',
      'h.balance_fen',
      'h.principal_overdue_days',
      'h.interest_owed_fen',
      'h.interest_overdue_days',
      's.display_name as manager',
      'h.returned_on',
      'h.return_note',
    ])
    .where('h.batch_id', '=', batchId)
    .orderBy('h.line_no')
    .execute();
  return rows.map((r) => ({
    lineNo: r.line_no,
    loanId: r.loan_id,
    loanNo: r.loan_no,
    borrower: r.name,
    village: r.village ?? '',
    balanceFen: r.balance_fen,
    principalOverdueDays: r.principal_overdue_days,
    interestOwedFen: r.interest_owed_fen,
    interestOverdueDays: r.interest_overdue_days,
    manager: r.manager,
    returnedOn: r.returned_on,
    returnNote: r.return_note,
  }));
}
