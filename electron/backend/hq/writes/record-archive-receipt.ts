import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { todayLocal } from '../../../shared/dates';
import { AppError } from '../../rpc/app-error';
import type { HqDb } from '../hq-db';
import { hqWrite } from './hq-write';

export interface ArchiveReceiptInput {
  branch: string;
  batchNo: string;
  received: readonly string[];
  discrepancies: ReadonlyArray<{ loanNo: string; reason: string }>;
  /** Default: today. */
  receivedOn?: string;
}

export interface RecordedArchiveReceipt {
  id: string;
  branch: string;
  batchNo: string;
  received: number;
  discrepancies: number;
}

const listOf = (loanNos: readonly string[]) => (loanNos.length > 5 ? `${loanNos.slice(0, 5).join('、')} 等 ${loanNos.length} 份` : loanNos.join('、'));

/**
 * Head office's receipt of a branch's hand-over batch: each file of the batch's manifest (as the
 * branch sent it) received or with a discrepancy and its reason, checked here against the
 * manifest; kept as a head-office row for the branch, which travels in the next package and is
 * recorded there by the branch's own receipt logic. One receipt per batch.
 */
export async function recordArchiveReceipt(db: HqDb, actor: string, input: ArchiveReceiptInput): Promise<RecordedArchiveReceipt> {
  const receivedOn = input.receivedOn ?? todayLocal();
  return hqWrite(db, actor, async (w) => {
    const batch = await w.trx
      .selectFrom('branch_rows')
      .select('data')
      .where('branch_code', '=', input.branch)
      .where('table_name', '=', 'archive_batches')
      .where(sql`data->>'batch_no'`, '=', input.batchNo)
      .executeTakeFirst();
    if (!batch) throw new AppError('NOT_FOUND', `总行没有机构 ${input.branch} 的移交批次 ${input.batchNo}：请先导入该支行的同步包。`, `archive receipt: no batch ${input.batchNo} of ${input.branch}`);
    // One receipt per batch, also against a second console recording it at the same moment.
    await sql`select pg_advisory_xact_lock(hashtext(${`receipt:${input.branch}:${input.batchNo}`}))`.execute(w.trx);
    const earlier = await w.trx
      .selectFrom('hq_rows')
      .select('id')
      .where('branch_code', '=', input.branch)
      .where('table_name', '=', 'archive_receipts')
      .where(sql`data->>'batch_no'`, '=', input.batchNo)
      .executeTakeFirst();
    if (earlier) throw new AppError('BATCH_ALREADY_RECEIVED', `批次 ${input.batchNo} 已登记过签收，不能重复登记。`, `archive receipt: batch ${input.batchNo} of ${input.branch} already has one`);
    const data = batch.data as { manifest?: string; sha256?: string; handed_on?: string };
    const manifest = JSON.parse(data.manifest ?? '{}') as { files?: Array<{ loanNo: string }> };
    const inBatch = new Set((manifest.files ?? []).map((f) => f.loanNo));
    const results = [
      ...input.received.map((loanNo) => ({ loanNo, status: 'received' as const, reason: '' })),
      ...input.discrepancies.map((d) => ({ loanNo: d.loanNo, status: 'discrepancy' as const, reason: d.reason.trim() })),
    ];
    const counted = new Map<string, number>();
    for (const r of results) counted.set(r.loanNo, (counted.get(r.loanNo) ?? 0) + 1);
    const twice = [...counted].filter(([, n]) => n > 1).map(([loanNo]) => loanNo);
    const foreign = results.map((r) => r.loanNo).filter((loanNo) => !inBatch.has(loanNo));
    const missing = [...inBatch].filter((loanNo) => !counted.has(loanNo));
    if (twice.length > 0) throw new AppError('RECEIPT_FILES_MISMATCH', `以下档案登记了不止一次：${listOf(twice)}。`, `archive receipt: ${twice.length} file(s) twice`);
    if (foreign.length > 0) throw new AppError('RECEIPT_FILES_MISMATCH', `以下档案不在批次 ${input.batchNo} 中：${listOf(foreign)}。`, `archive receipt: ${foreign.length} file(s) not in the batch`);
    if (missing.length > 0) throw new AppError('RECEIPT_FILES_MISMATCH', `批次 ${input.batchNo} 中以下档案没有签收结果：${listOf(missing)}。每份档案都应签收或写明差异。`, `archive receipt: ${missing.length} file(s) without a result`);
    const unexplained = results.filter((r) => r.status === 'discrepancy' && r.reason === '').map((r) => r.loanNo);
    if (unexplained.length > 0) throw new AppError('BAD_INPUT', `有差异的档案须写明差异：${listOf(unexplained)}。`, 'archive receipt: discrepancy without a reason');
    if (receivedOn > todayLocal()) throw new AppError('BAD_INPUT', `签收日期 ${receivedOn} 晚于今天。`, `archive receipt: ${receivedOn} in the future`);
    if (data.handed_on && receivedOn < data.handed_on) throw new AppError('BAD_INPUT', `签收日期 ${receivedOn} 早于移交日期 ${data.handed_on}。`, `archive receipt: ${receivedOn} before hand-over`);

    const id = randomUUID();
    const row = {
      id,
      batch_no: input.batchNo,
      manifest_sha256: data.sha256 ?? '',
      received_by: actor,
      received_on: receivedOn,
      results_json: JSON.stringify(results),
      created_at: w.now,
      updated_at: w.now,
    };
    await w.trx.insertInto('hq_rows').values({ id, branch_code: input.branch, table_name: 'archive_receipts', data: JSON.stringify(row), recorded_by: actor, recorded_at: w.now }).execute();
    const received = input.received.length;
    await w.log('archive_receipt', input.branch, { id, batchNo: input.batchNo, received, discrepancies: input.discrepancies.length, receivedOn });
    return { id, branch: input.branch, batchNo: input.batchNo, received, discrepancies: input.discrepancies.length };
  });
}
