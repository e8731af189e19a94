import { sql } from 'kysely';
import { HANDOVER_INTEREST_DAYS, HANDOVER_PRINCIPAL_DAYS } from '../../shared/api/worklists';
import type { HandoverOutcome } from '../../shared/api/handover';
import { todayLocal } from '../../shared/dates';
import { documentBranchName } from '../../shared/document-number';
import type { WriteContext } from '../changelog/write-context';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';

interface HandOverInput {
  loanIds: string[];
  handedOn?: string;
  receiver: string;
  note: string;
}

interface CandidateRow {
  id: string;
  loan_no: string;
  status: string;
  balance_fen: number;
  principal_overdue_days: number;
  interest_owed_fen: number | null;
  interest_overdue_days: number | null;
  manager_id: string | null;
  handed_over: number;
}

/** `林家坪支行移〔2026〕第001号`: the branch (documentBranchName), the year and the year's sequence number. */
export function batchNumber(branchName: string | undefined, year: number, seq: number): string {
  return `${documentBranchName(branchName)}移〔${year}〕第${String(seq).padStart(3, '0')}号`;
}

/** At most this many loan numbers are named in an error; the rest are counted. */
const NAMED = 5;
function listNos(nos: string[]): string {
  return nos.length <= NAMED ? nos.join('、') : `${nos.slice(0, NAMED).join('、')} 等 ${nos.length} 笔`;
}

/** The loans with what the hand-over needs, in the order of the transmittal list: by village, then as the village register orders households. */
async function readCandidates(db: ReadDb, loanIds: readonly string[]): Promise<CandidateRow[]> {
  const { rows } = await sql<CandidateRow>`
    select l.id, l.loan_no, l.status, l.balance_fen, l.principal_overdue_days, l.interest_owed_fen, l.interest_overdue_days,
      cm.manager_id,
      exists (select 1 from loan_handovers h where h.loan_id = l.id and h.returned_on is null) as handed_over
    from loans l
    join borrowers b on b.id = l.borrower_id
    left join villages v on v.id = b.village_id
    left join current_loan_managers cm on cm.loan_id = l.id
    where l.id in (select value from json_each(${JSON.stringify(loanIds)}))
    order by coalesce(v.township, ''), coalesce(v.name, ''), b.name_pinyin, b.name, b.id, l.loan_no, l.id`.execute(db);
  return rows;
}

function onHandoverList(r: CandidateRow): boolean {
  return r.principal_overdue_days >= HANDOVER_PRINCIPAL_DAYS || (r.interest_overdue_days ?? 0) >= HANDOVER_INTEREST_DAYS;
}

/**
 * Hands loans over to the risk-asset unit in one new batch, all in the caller's transaction:
 * every loan must be active, not handed over already and on the 待移交 list (the worklists'
 * rule), or nothing is written. The batch takes the year's next number (max + 1: numbers are
 * never skipped, the unique (year, seq) index guards a race) and stores the totals as printed;
 * each loan gets a line with its figures and its manager at hand-over.
 */
export async function handOver(w: WriteContext, input: HandOverInput, branchName: string | undefined): Promise<HandoverOutcome> {
  const handedOn = input.handedOn ?? todayLocal();
  if (handedOn > todayLocal()) throw new AppError('BAD_INPUT', '移交日期不能晚于今天。', `handedOn ${handedOn} is in the future`);
  const rows = await readCandidates(w.trx, input.loanIds);

  if (rows.length < input.loanIds.length) {
    const found = new Set(rows.map((r) => r.id));
    const missing = input.loanIds.filter((id) => !found.has(id));
    throw new AppError('NOT_FOUND', `有 ${missing.length} 笔贷款不存在，可能已被删除，请刷新后重试。`, `handover: loans not found: ${missing.slice(0, NAMED).join(', ')}`);
  }
  const settled = rows.filter((r) => r.status !== 'active');
  if (settled.length > 0) {
    throw new AppError('NOT_ACTIVE', `贷款 ${listNos(settled.map((r) => r.loan_no))} 已结清，不能移交。`, `handover: ${settled.length} loan(s) not active`);
  }
  const already = rows.filter((r) => r.handed_over);
  if (already.length > 0) {
    throw new AppError('ALREADY_HANDED_OVER', `贷款 ${listNos(already.map((r) => r.loan_no))} 已移交风险资产部，不能重复移交。`, `handover: ${already.length} loan(s) already handed over`);
  }
  const offList = rows.filter((r) => !onHandoverList(r));
  if (offList.length > 0) {
    throw new AppError(
      'NOT_ON_HANDOVER_LIST',
      `贷款 ${listNos(offList.map((r) => r.loan_no))} 不在待移交清单上（本金逾期 ${HANDOVER_PRINCIPAL_DAYS} 天以上或欠息 ${HANDOVER_INTEREST_DAYS} 天以上才移交风险资产部）。`,
      `handover: ${offList.length} loan(s) not on the handover list`,
    );
  }

  const year = Number(handedOn.slice(0, 4));
  const last = await w.trx.selectFrom('handover_batches').select((eb) => eb.fn.max('seq').as('seq')).where('year', '=', year).executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const batchNo = batchNumber(branchName, year, seq);
  const balanceFen = rows.reduce((s, r) => s + r.balance_fen, 0);
  const interestOwedFen = rows.reduce((s, r) => s + (r.interest_owed_fen ?? 0), 0);

  const batch = await w.insert('handover_batches', {
    batch_no: batchNo,
    year,
    seq,
    handed_on: handedOn,
    receiver: input.receiver,
    note: input.note,
    loans: rows.length,
    balance_fen: balanceFen,
    interest_owed_fen: interestOwedFen,
    staff_id: w.actor.id,
  });
  await w.insertMany(
    'loan_handovers',
    rows.map((r, i) => ({
      batch_id: batch.id,
      loan_id: r.id,
      line_no: i + 1,
      balance_fen: r.balance_fen,
      principal_overdue_days: r.principal_overdue_days,
      interest_owed_fen: r.interest_owed_fen,
      interest_overdue_days: r.interest_overdue_days,
      manager_id: r.manager_id,
      returned_on: null,
    })),
  );
  return { batchId: batch.id, batchNo, handedOn, loans: rows.length, balanceFen, interestOwedFen };
}

/**
 * A handed-over loan back to the branch: its open line gets the return date, and the worklists
 * show it again. `batchId` is the batch the caller saw it in: a line returned since, and the
 * loan handed over again in a later batch, is not closed from the old batch's view.
 */
export async function returnLoan(w: WriteContext, loanId: string, batchId: string, returnedOn: string | undefined, reason: string): Promise<{ loanId: string; returnedOn: string }> {
  const on = returnedOn ?? todayLocal();
  if (on > todayLocal()) throw new AppError('BAD_INPUT', '退回日期不能晚于今天。', `returnedOn ${on} is in the future`);
  const open = await w.trx.selectFrom('loan_handovers').selectAll().where('loan_id', '=', loanId).where('returned_on', 'is', null).executeTakeFirst();
  if (!open) throw new AppError('NOT_HANDED_OVER', '这笔贷款没有移交风险资产部，无需退回。', `return: loan ${loanId} has no open handover`);
  const batch = await w.trx.selectFrom('handover_batches').select(['handed_on', 'batch_no']).where('id', '=', open.batch_id).executeTakeFirstOrThrow();
  if (open.batch_id !== batchId) {
    throw new AppError('STALE_WRITE', `这笔贷款已从该批次退回，又在 ${batch.batch_no} 中重新移交，本次退回未保存。请刷新后在该批次中办理。`, `return: loan ${loanId} is open in batch ${open.batch_id}, not ${batchId}`);
  }
  if (on < batch.handed_on) throw new AppError('BAD_INPUT', `退回日期不能早于移交日期 ${batch.handed_on}。`, `return ${on} before handover ${batch.handed_on}`);
  await w.update('loan_handovers', open, { returned_on: on, return_note: reason });
  return { loanId, returnedOn: on };
}
