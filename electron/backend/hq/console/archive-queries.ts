import { sql } from 'kysely';
import { handoversPastDeadline } from '../handovers-past-deadline';
import type { HqDb } from '../hq-db';

export interface PendingBatch {
  branchCode: string;
  batchNo: string;
  handedOn: string;
  files: number;
  pages: number;
}

export interface RecordedReceipt {
  branchCode: string;
  batchNo: string;
  receivedOn: string;
  recordedBy: string;
  recordedAt: number;
  received: number;
  discrepancies: number;
  /** The package to the branch that carried it; null: it goes in the next one. */
  sentInSeq: number | null;
}

/** A receipt row for the same branch and batch number: the batch is no longer waiting. */
const receiptExists = sql<boolean>`exists (select 1 from hq_rows r where r.branch_code = b.branch_code and r.table_name = 'archive_receipts' and r.data->>'batch_no' = b.data->>'batch_no')`;

/** Hand-over batches branches have sent and head office has not yet signed for, oldest first. */
export async function pendingBatches(db: HqDb, branch?: string): Promise<PendingBatch[]> {
  let q = db
    .selectFrom('branch_rows as b')
    .select([
      'b.branch_code as branchCode',
      sql<string>`b.data->>'batch_no'`.as('batchNo'),
      sql<string>`coalesce(b.data->>'handed_on', '')`.as('handedOn'),
      sql<number>`coalesce((b.data->>'files')::integer, 0)`.as('files'),
      sql<number>`coalesce((b.data->>'pages')::integer, 0)`.as('pages'),
    ])
    .where('b.table_name', '=', 'archive_batches')
    .where(sql<string>`b.data->>'status'`, '=', 'sent')
    .where(sql<boolean>`not ${receiptExists}`);
  if (branch) q = q.where('b.branch_code', '=', branch);
  return q.orderBy(sql`b.data->>'handed_on'`).orderBy('b.branch_code').orderBy(sql`b.data->>'batch_no'`).execute();
}

export interface BatchToSign {
  batchNo: string;
  handedOn: string;
  /** The manifest as the branch wrote it (JSON text). */
  manifest: string;
  signed: boolean;
  status: string;
}

/** One batch of a branch, as its latest package brought it; null when head office has no such batch. */
export async function batchToSign(db: HqDb, branch: string, batchNo: string): Promise<BatchToSign | null> {
  const row = await db
    .selectFrom('branch_rows as b')
    .select([
      sql<string>`coalesce(b.data->>'handed_on', '')`.as('handedOn'),
      sql<string>`coalesce(b.data->>'manifest', '')`.as('manifest'),
      sql<string>`coalesce(b.data->>'status', '')`.as('status'),
      receiptExists.as('signed'),
    ])
    .where('b.branch_code', '=', branch)
    .where('b.table_name', '=', 'archive_batches')
    .where(sql<string>`b.data->>'batch_no'`, '=', batchNo)
    .executeTakeFirst();
  return row ? { batchNo, ...row } : null;
}

/** Receipts recorded here, newest first, with the package that carried each to its branch. */
export async function recordedReceipts(db: HqDb, branch: string | undefined, limit: number): Promise<RecordedReceipt[]> {
  let q = db
    .selectFrom('hq_rows as r')
    .select([
      'r.branch_code as branchCode',
      sql<string>`r.data->>'batch_no'`.as('batchNo'),
      sql<string>`coalesce(r.data->>'received_on', '')`.as('receivedOn'),
      'r.recorded_by as recordedBy',
      'r.recorded_at as recordedAt',
      sql<string>`coalesce(r.data->>'results_json', '[]')`.as('results'),
      sql<number | null>`(select min(o.seq) from hq_outbox o where o.branch_code = r.branch_code and o.up_to_seq >= r.change_seq)`.as('sentInSeq'),
    ])
    .where('r.table_name', '=', 'archive_receipts');
  if (branch) q = q.where('r.branch_code', '=', branch);
  const rows = await q.orderBy('r.recorded_at', 'desc').limit(limit).execute();
  return rows.map(({ results, ...r }) => {
    const list = JSON.parse(results) as Array<{ status?: string }>;
    return { ...r, received: list.filter((x) => x.status === 'received').length, discrepancies: list.filter((x) => x.status === 'discrepancy').length };
  });
}

export interface OverdueHandover {
  branchCode: string;
  dueOn: string;
  status: string;
}

export async function overdueHandovers(db: HqDb, branch: string | undefined, limit: number): Promise<{ rows: OverdueHandover[]; total: number }> {
  let q = handoversPastDeadline(db);
  if (branch) q = q.where('branch_code', '=', branch);
  const [rows, count] = await Promise.all([
    q.select(['branch_code as branchCode', 'due_on as dueOn', 'status']).orderBy('due_on').orderBy('branch_code').limit(limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}
