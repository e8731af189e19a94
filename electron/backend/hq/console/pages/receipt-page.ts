import { todayLocal } from '../../../../shared/dates';
import { AppError } from '../../../rpc/app-error';
import type { HqDb } from '../../hq-db';
import { archiveReceiptInputSchema, checkHqInput, type ArchiveReceiptRequest } from '../../hq-inputs';
import { recordArchiveReceipt, type RecordedArchiveReceipt } from '../../writes/record-archive-receipt';
import { batchToSign } from '../archive-queries';
import { manifestFiles, type ManifestFileLine } from '../batch-manifest';
import { html, type Html } from '../html';
import type { ReceiptForm } from '../request-schemas';

export interface ReceiptFormView {
  branch: string;
  batchNo: string;
  handedOn: string;
  files: ManifestFileLine[];
  /** What the form holds: a new one, or what was posted back with an error. */
  values: Record<string, string>;
  csrf: string;
}

/** The batch as the 签收 form needs it, or an AppError saying why it cannot be signed for. */
export async function loadBatchForReceipt(db: HqDb, branch: string, batchNo: string): Promise<{ handedOn: string; files: ManifestFileLine[] }> {
  const batch = await batchToSign(db, branch, batchNo);
  if (!batch) throw new AppError('NOT_FOUND', `总行没有机构 ${branch} 的移交批次 ${batchNo}：请先导入该支行的同步包。`, `console: no batch ${batchNo} of ${branch}`);
  if (batch.signed) throw new AppError('BATCH_ALREADY_RECEIVED', `批次 ${batchNo} 已登记过签收，不能重复登记。`, `console: batch ${batchNo} of ${branch} already signed`);
  if (batch.status !== 'sent') throw new AppError('BATCH_NOT_SENT', `批次 ${batchNo} 在支行已是签收状态，无需总行登记。`, `console: batch ${batchNo} of ${branch} is ${batch.status} at the branch`);
  return { handedOn: batch.handedOn, files: manifestFiles(batch.manifest, batchNo) };
}

/** A new form: every file 签收, today's date. */
export function freshValues(files: readonly ManifestFileLine[]): Record<string, string> {
  return { receivedOn: todayLocal(), ...Object.fromEntries(files.map((_, i) => [`r${i}`, 'received'])) };
}

export function receiptFormBody(v: ReceiptFormView): Html {
  const rows = v.files.map((f, i) => {
    const discrepancy = v.values[`r${i}`] === 'discrepancy';
    return html`<tr><td class="num">${i + 1}</td><td>${f.loanNo}</td><td>${f.contractNo}</td><td>${f.borrower}</td>
<td><label><input type="radio" name="r${i}" value="received"${discrepancy ? '' : html` checked`}> 签收</label><label><input type="radio" name="r${i}" value="discrepancy"${discrepancy ? html` checked` : ''}> 差异</label></td>
<td><input class="reason" type="text" name="reason${i}" maxlength="200" value="${v.values[`reason${i}`] ?? ''}" aria-label="${f.loanNo} 的差异说明"></td></tr>`;
  });
  return html`<dl class="facts"><dt>支行</dt><dd>${v.branch}</dd><dt>批次号</dt><dd>${v.batchNo}</dd><dt>移交日期</dt><dd>${v.handedOn || '—'}</dd><dt>档案份数</dt><dd>${v.files.length}</dd></dl>
<form method="post" action="/receipt">
<input type="hidden" name="csrf" value="${v.csrf}"><input type="hidden" name="branch" value="${v.branch}"><input type="hidden" name="batch" value="${v.batchNo}">
<p><label>签收日期 <input type="date" name="receivedOn" value="${v.values.receivedOn ?? ''}" required></label></p>
<table id="receipt-files"><thead><tr><th class="num">序号</th><th>借据号</th><th>合同号</th><th>借款人</th><th>签收结果</th><th>差异说明（有差异时必填）</th></tr></thead>
<tbody>${rows}</tbody></table>
<p><button type="submit">登记签收</button> <a href="/archive">返回档案</a></p>
<p class="muted">登记后随下一个发往该支行的同步包（hq export）下发，支行导入后即记为已签收。</p>
</form>`;
}

/** The receipt a posted form describes, file by file in the manifest's order; an AppError for a form that does not fit the batch. */
export function receiptFromForm(form: ReceiptForm, files: readonly ManifestFileLine[]): ArchiveReceiptRequest {
  const received: string[] = [];
  const discrepancies: Array<{ loanNo: string; reason: string }> = [];
  const unexplained: string[] = [];
  for (const key of Object.keys(form)) {
    const m = /^(?:r|reason)(\d+)$/.exec(key);
    if (m && Number(m[1]) >= files.length) throw new AppError('BAD_INPUT', '表单与该批次的档案清单不符，请刷新页面后重试。', `console: field ${key} beyond ${files.length} files`);
  }
  files.forEach((f, i) => {
    const result = form[`r${i}`];
    if (result === undefined) throw new AppError('BAD_INPUT', `第 ${i + 1} 份档案（${f.loanNo}）没有选择签收结果。`, `console: no result for file ${i}`);
    const reason = (form[`reason${i}`] ?? '').trim();
    if (result === 'received') received.push(f.loanNo);
    else if (reason === '') unexplained.push(f.loanNo);
    else discrepancies.push({ loanNo: f.loanNo, reason });
  });
  if (unexplained.length > 0) throw new AppError('BAD_INPUT', `有差异的档案须写明差异：${unexplained.slice(0, 5).join('、')}${unexplained.length > 5 ? ` 等 ${unexplained.length} 份` : ''}。`, 'console: discrepancy without a reason');
  return checkHqInput(archiveReceiptInputSchema, { branch: form.branch, batchNo: form.batch, received, discrepancies, receivedOn: form.receivedOn });
}

/** Records the posted receipt as the signed-in user (their name goes to the branch as 签收人). */
export async function recordReceiptFromForm(db: HqDb, actorName: string, form: ReceiptForm): Promise<RecordedArchiveReceipt> {
  const { files } = await loadBatchForReceipt(db, form.branch, form.batch);
  return recordArchiveReceipt(db, actorName, receiptFromForm(form, files));
}
