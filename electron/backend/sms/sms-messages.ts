import type { SmsBatchInput, SmsMessageView, SmsPreview, SmsSkippedView } from '../../shared/api/sms';
import { BUCKET_LABELS, WORKLIST_LABELS, type WorklistDates, type WorklistRow } from '../../shared/api/worklists';
import { formatYuan } from '../../shared/money';
import { checkPhone, normalizePhone } from '../../shared/phone';
import { fillSmsTemplate, smsLength, smsSegments, unknownPlaceholders, usesPlaceholder } from '../../shared/sms-text';
import type { Caller } from '../auth/caller';
import { assertMayWorkOnLoans } from '../collection/book-access';
import type { ReadDb } from '../db/read-db';
import { MAX_EXPORT_ROWS } from '../register/register-export';
import { AppError } from '../rpc/app-error';
import { filterNames } from '../worklists/worklist-export';
import { worklistDates, worklistRows, worklistSums } from '../worklists/worklist-query';

/**
 * 金额 in a reminder: what the borrower should pay now. The register holds no separate overdue
 * principal, and every list an SMS goes out from is of loans overdue or falling due within 7
 * days, whose whole balance is due (at maturity, or already past it): so the amount due is the
 * balance plus the interest owed (欠息, 0 when the export has none).
 */
export function amountDueFen(row: Pick<WorklistRow, 'balanceFen' | 'interestOwedFen'>): number {
  return row.balanceFen + (row.interestOwedFen ?? 0);
}

/** 日期 in a reminder: the maturity date for 到期提示 (when it falls due), else the as-of date (欠款截至). */
function reminderDate(list: SmsBatchInput['query']['list'], row: WorklistRow, dates: WorklistDates): string {
  return list === 'due-soon' && row.maturityOn ? row.maturityOn : dates.asOf;
}

/** Each borrower's phones, in the order the register shows them (created_at, id). */
async function phonesOf(db: ReadDb, borrowerIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const unique = [...new Set(borrowerIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('borrower_phones')
      .select(['borrower_id', 'phone'])
      .where('borrower_id', 'in', unique.slice(i, i + 500))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.borrower_id) ?? [];
      list.push(r.phone);
      out.set(r.borrower_id, list);
    }
  }
  return out;
}

/** The phone of each loan's current manager as entered in 人员名单 (staff.phone), when there is one. */
async function managerPhonesOf(db: ReadDb, loanIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < loanIds.length; i += 500) {
    const rows = await db
      .selectFrom('current_loan_managers as cm')
      .innerJoin('staff as s', 's.id', 'cm.manager_id')
      .select(['cm.loan_id', 's.phone'])
      .where('cm.loan_id', 'in', loanIds.slice(i, i + 500))
      .where('s.phone', '<>', '')
      .execute();
    for (const r of rows) out.set(r.loan_id, r.phone);
  }
  return out;
}

export interface SmsBatchDraft extends SmsPreview {
  dates: WorklistDates;
}

/**
 * The messages of a batch: the worklist's rows (in the list's own order), restricted to the
 * picked loans; each to the borrower's first mobile — only the borrower's own phones, never the
 * contact person's (another person) — and the loans that get none, with the reason. An account
 * manager may batch only loans of their own book (checked here, so preview and export agree).
 */
export async function draftSmsBatch(db: ReadDb, user: Caller, input: SmsBatchInput): Promise<SmsBatchDraft> {
  const q = input.query;
  const dates = await worklistDates(db, q.asOf);
  const sums = await worklistSums(db, q, dates);
  if (sums.count > MAX_EXPORT_ROWS && input.loanIds === undefined) {
    throw new AppError(
      'EXPORT_TOO_LARGE',
      `此清单有 ${sums.count.toLocaleString('en-US')} 笔贷款，一批短信最多 ${MAX_EXPORT_ROWS.toLocaleString('en-US')} 笔。请先按客户经理或村筛选。`,
      `sms batch of ${sums.count} rows refused (limit ${MAX_EXPORT_ROWS})`,
    );
  }
  const filters = await filterNames(db, q);
  let rows = await worklistRows(db, q, [], dates);
  if (input.loanIds !== undefined) {
    const picked = new Set(input.loanIds);
    rows = rows.filter((r) => picked.has(r.loanId));
    if (rows.length < picked.size) {
      throw new AppError('NOT_ON_LIST', '所选贷款有的已不在此清单上（可能已结清、已移交或数据已更新），请刷新后重新选择。', `${picked.size - rows.length} picked loans not on the list`);
    }
  }
  await assertMayWorkOnLoans(db, user, rows.map((r) => r.loanId));

  const problems: string[] = [];
  const warnings: string[] = [];
  const unknown = unknownPlaceholders(input.template);
  if (unknown.length > 0) problems.push(`模板中的 ${unknown.join('、')} 不是可用的占位符（可用：{姓名} {金额} {日期} {客户经理电话} {贷款账号} {客户经理}）`);
  // {客户经理电话}: the loan's manager's phone (人员名单), else the one given with the batch.
  const managerPhones = usesPlaceholder(input.template, '客户经理电话') ? await managerPhonesOf(db, rows.map((r) => r.loanId)) : new Map<string, string>();
  const managerPhone = (loanId: string) => managerPhones.get(loanId) ?? input.managerPhone;
  if (usesPlaceholder(input.template, '客户经理电话') && input.managerPhone === '') {
    const without = rows.filter((r) => !managerPhones.has(r.loanId)).length;
    if (without > 0) problems.push(`模板中有 {客户经理电话}，但有 ${without} 笔贷款的客户经理没有登记电话：请在“设置 → 人员名单”中填写，或在此填写统一的联系电话`);
  }
  if (usesPlaceholder(input.template, '客户经理') && rows.some((r) => !r.manager)) {
    warnings.push('有贷款没有客户经理，这些短信中的 {客户经理} 为空');
  }

  const phones = await phonesOf(db, rows.map((r) => r.borrowerId));
  const messages: SmsMessageView[] = [];
  const skipped: SmsSkippedView[] = [];
  for (const row of rows) {
    const own = phones.get(row.borrowerId) ?? [];
    const mobile = own.map((p) => normalizePhone(p)).find(isMobile);
    const shown = own.join(' / ');
    if (own.length === 0) {
      skipped.push({ loanId: row.loanId, loanNo: row.loanNo, name: row.borrower, phones: '', reason: '没有手机号', detail: '登记簿中没有借款人本人的电话' });
      continue;
    }
    if (mobile === undefined) {
      skipped.push({
        loanId: row.loanId,
        loanNo: row.loanNo,
        name: row.borrower,
        phones: shown,
        reason: '号码无效',
        detail: '只有手机号码（1[3-9] 开头的 11 位）才能接收短信，借款人本人的号码中没有手机号',
      });
      continue;
    }
    const text = fillSmsTemplate(input.template, {
      姓名: row.borrower,
      金额: formatYuan(amountDueFen(row)),
      日期: reminderDate(q.list, row, dates),
      客户经理电话: managerPhone(row.loanId),
      贷款账号: row.loanNo,
      客户经理: row.manager ?? '',
    });
    messages.push({ loanId: row.loanId, borrowerId: row.borrowerId, loanNo: row.loanNo, name: row.borrower, phone: mobile, text, length: smsLength(text), segments: smsSegments(text) });
  }
  const title = q.bucket ? BUCKET_LABELS[q.bucket] : WORKLIST_LABELS[q.list];
  const scope = [title, `数据日期：${dates.dataAsOf ?? '无数据'}`, ...filters, ...(input.loanIds ? [`所选 ${input.loanIds.length} 笔`] : [])].join(' ');
  return {
    dates,
    scope,
    asOf: dates.asOf,
    messages,
    messageCount: messages.length,
    skipped,
    skippedCount: skipped.length,
    totalSegments: messages.reduce((s, m) => s + m.segments, 0),
    problems,
    warnings,
  };
}

function isMobile(p: string): boolean {
  const c = checkPhone(p);
  return c.ok && c.kind === 'mobile';
}
