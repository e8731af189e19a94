import { useEffect, useRef, useState } from 'react';
import { SMS_PREVIEW_ROWS, type SmsBatchView, type SmsExportOutcome, type SmsFormat, type SmsPreview } from '../../../../electron/shared/api/sms';
import type { WorklistQuery } from '../../../../electron/shared/api/worklists';
import { DEFAULT_SMS_TEMPLATE, SMS_PART_LIMIT, SMS_PLACEHOLDERS, SMS_SINGLE_LIMIT, smsLength } from '../../../../electron/shared/sms-text';
import { call } from '../../api/client';
import { downloadFile } from '../../files';
import { formatCount } from '../../format';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import './sms.css';

/** How long typing pauses before the preview is worked out again. */
const PREVIEW_DELAY_MS = 350;

type Preview = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: SmsPreview };

/**
 * 短信提醒: a message per loan of the worklist shown (or of the rows picked in it) from an
 * editable template, previewed live with its length and segments (70 characters one SMS, else
 * 67 a part); the loans that get none are listed with the reason. 导出 stores the batch and
 * downloads the SMS platform's upload file; 确认已上传, once the platform accepted it, logs a
 * 短信 contact for every message.
 */
export function SmsBatchDialog({ query, loanIds, onClose, onConfirmed }: { query: WorklistQuery; loanIds?: string[]; onClose(): void; onConfirmed(): void }) {
  const { handleSessionError } = useSession();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const templateRef = useRef<HTMLTextAreaElement>(null);
  const [template, setTemplate] = useState(DEFAULT_SMS_TEMPLATE);
  const [managerPhone, setManagerPhone] = useState('');
  const [preview, setPreview] = useState<Preview>({ status: 'loading' });
  const [exported, setExported] = useState<SmsExportOutcome | null>(null);
  const [busy, setBusy] = useState<null | 'export' | 'confirm'>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [batches, setBatches] = useState<SmsBatchView[]>([]);
  const [batchesVersion, setBatchesVersion] = useState(0);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const inputKey = JSON.stringify({ query, loanIds, template, managerPhone });
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      call('sms.preview', JSON.parse(inputKey) as { query: WorklistQuery; loanIds?: string[]; template: string; managerPhone: string })
        .then((data) => {
          if (!cancelled) setPreview({ status: 'ready', data });
        })
        .catch((err: unknown) => {
          if (cancelled || handleSessionError(err)) return;
          setPreview({ status: 'error', message: errorMessage(err) });
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [inputKey, handleSessionError]);

  useEffect(() => {
    let cancelled = false;
    call('sms.batches', { limit: 10 })
      .then((rows) => {
        if (!cancelled) setBatches(rows);
      })
      .catch((err: unknown) => {
        if (!cancelled) handleSessionError(err);
      });
    return () => {
      cancelled = true;
    };
  }, [batchesVersion, handleSessionError]);

  function insertPlaceholder(name: string) {
    const el = templateRef.current;
    const text = `{${name}}`;
    const start = el?.selectionStart ?? template.length;
    const end = el?.selectionEnd ?? template.length;
    setTemplate(template.slice(0, start) + text + template.slice(end));
    setExported(null);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  async function exportFile(format: SmsFormat) {
    setBusy('export');
    setNotice(null);
    try {
      const out = await call('sms.export', { query, ...(loanIds ? { loanIds } : {}), template, managerPhone, format });
      downloadFile(out);
      setExported(out);
      setBatchesVersion((v) => v + 1);
      setNotice({
        kind: 'success',
        text: `已导出 ${out.fileName}：${formatCount(out.messages)} 条短信（计费 ${formatCount(out.totalSegments)} 条）。请上传到短信平台，平台受理后点击“确认已上传”。`,
      });
    } catch (err) {
      if (!handleSessionError(err)) setNotice({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  async function confirm(batchId: string) {
    setBusy('confirm');
    setNotice(null);
    try {
      const out = await call('sms.confirm', { batchId });
      setNotice({ kind: 'success', text: `已确认上传：登记了 ${formatCount(out.contacts)} 条短信联系记录（${out.contactedAt}）。` });
      if (exported?.batchId === batchId) setExported(null);
      setBatchesVersion((v) => v + 1);
      onConfirmed();
    } catch (err) {
      if (!handleSessionError(err)) setNotice({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  const data = preview.status === 'ready' ? preview.data : null;
  const first = data?.messages[0] ?? null;
  const blocked = !data || data.problems.length > 0 || data.messageCount === 0;
  const templateLength = smsLength(template);
  const pending = batches.filter((b) => b.status === '待确认');

  return (
    <dialog ref={dialogRef} className="sms-dialog" aria-labelledby="sms-dialog-title" onClose={onClose} data-testid="sms-dialog">
      <h2 id="sms-dialog-title">短信提醒</h2>
      <p className="muted" data-testid="sms-scope">
        {data ? data.scope : '正在生成预览…'}
        {loanIds ? `（仅所选 ${formatCount(loanIds.length)} 笔）` : '（清单上全部贷款）'}
      </p>

      <div className="sms-columns">
        <div className="sms-edit">
          <label className="sms-label" htmlFor="sms-template">
            短信模板
          </label>
          <textarea
            id="sms-template"
            ref={templateRef}
            value={template}
            rows={5}
            onChange={(e) => {
              setTemplate(e.target.value);
              setExported(null);
            }}
            data-testid="sms-template"
          />
          <div className="sms-placeholders">
            <span className="muted">插入：</span>
            {SMS_PLACEHOLDERS.map((p) => (
              <button key={p} type="button" className="btn btn-small" onClick={() => insertPlaceholder(p)}>
                {`{${p}}`}
              </button>
            ))}
          </div>
          <p className="muted sms-small">
            模板 {templateLength} 字。{'{金额}'} 为余额加欠息（元），{'{日期}'} 在到期提示中为到期日、其他清单为数据日期。每条短信 {SMS_SINGLE_LIMIT} 字以内按 1 条计费，超过按每 {SMS_PART_LIMIT} 字 1 条计费。
          </p>
          <label className="sms-label">
            统一联系电话（可不填）
            <input
              value={managerPhone}
              onChange={(e) => {
                setManagerPhone(e.target.value);
                setExported(null);
              }}
              placeholder="如 13800138000 或 0358-1234567"
              className="mono"
              data-testid="sms-manager-phone"
            />
          </label>
          <p className="muted sms-small">{'{客户经理电话}'} 用各笔贷款客户经理在“设置 → 人员名单”中登记的电话；没有登记电话的，用此处填写的号码。</p>
        </div>

        <div className="sms-preview" aria-live="polite">
          <div className="sms-label">第一条短信预览</div>
          {preview.status === 'error' ? (
            <div className="alert alert-error" role="alert" data-testid="sms-preview-error">
              {preview.message}
            </div>
          ) : first ? (
            <>
              <div className="sms-bubble" data-testid="sms-first-text">
                {first.text}
              </div>
              <p className="sms-small" data-testid="sms-first-count">
                {first.name} {first.phone}：{first.length} 字，{first.segments} 条短信
                {first.length > SMS_SINGLE_LIMIT ? '（长短信）' : ''}
              </p>
            </>
          ) : data ? (
            <p className="muted">没有可以发送的短信。</p>
          ) : (
            <p className="muted">正在生成预览…</p>
          )}
          {data ? (
            <p className="sms-totals" data-testid="sms-totals">
              可发送 <strong>{formatCount(data.messageCount)}</strong> 条，计费 <strong>{formatCount(data.totalSegments)}</strong> 条短信；无法发送{' '}
              <strong>{formatCount(data.skippedCount)}</strong> 笔
            </p>
          ) : null}
          {data?.problems.map((p) => (
            <div key={p} className="alert alert-error" role="alert" data-testid="sms-problem">
              {p}
            </div>
          ))}
          {data?.warnings.map((p) => (
            <div key={p} className="alert alert-warning" role="status">
              {p}
            </div>
          ))}
        </div>
      </div>

      {data && data.skipped.length > 0 ? (
        <details className="sms-list" open data-testid="sms-skipped">
          <summary>无法发送的贷款（{formatCount(data.skippedCount)} 笔，不会导出，请核实号码）</summary>
          <table className="sms-table">
            <thead>
              <tr>
                <th>借据号</th>
                <th>户名</th>
                <th>登记的电话</th>
                <th>原因</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              {data.skipped.map((s) => (
                <tr key={s.loanId}>
                  <td className="mono">{s.loanNo}</td>
                  <td>{s.name}</td>
                  <td className="mono">{s.phones || '—'}</td>
                  <td>{s.reason}</td>
                  <td className="muted">{s.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.skippedCount > data.skipped.length ? <p className="muted">仅显示前 {SMS_PREVIEW_ROWS} 笔。</p> : null}
        </details>
      ) : null}

      {data && data.messages.length > 0 ? (
        <details className="sms-list" data-testid="sms-messages">
          <summary>全部短信（{formatCount(data.messageCount)} 条）</summary>
          <table className="sms-table">
            <thead>
              <tr>
                <th>手机号码</th>
                <th>户名</th>
                <th>借据号</th>
                <th>字数</th>
                <th>条数</th>
                <th>短信内容</th>
              </tr>
            </thead>
            <tbody>
              {data.messages.map((m) => (
                <tr key={m.loanId}>
                  <td className="mono">{m.phone}</td>
                  <td>{m.name}</td>
                  <td className="mono">{m.loanNo}</td>
                  <td className="num">{m.length}</td>
                  <td className="num">{m.segments}</td>
                  <td>{m.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.messageCount > data.messages.length ? <p className="muted">仅显示前 {SMS_PREVIEW_ROWS} 条。</p> : null}
        </details>
      ) : null}

      {notice ? (
        <div className={`alert alert-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="sms-notice">
          {notice.text}
        </div>
      ) : null}

      {pending.length > 0 ? (
        <div className="sms-pending" data-testid="sms-pending">
          <div className="sms-label">待确认上传的批次</div>
          <ul>
            {pending.map((b) => (
              <li key={b.id}>
                <span>
                  {new Date(b.createdAt).toLocaleString('zh-CN', { hour12: false })} {b.staffName} 导出 {formatCount(b.messages)} 条：{b.scope}
                </span>
                <button type="button" className="btn btn-small" disabled={busy !== null} onClick={() => void confirm(b.id)} data-testid="sms-confirm-pending">
                  确认已上传
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="sms-actions">
        <span className="muted sms-small">导出的 .csv 为 UTF-8（带 BOM）编码，两列：手机号码、短信内容。确认前不登记联系记录。</span>
        <button type="button" className="btn" onClick={() => dialogRef.current?.close()}>
          关闭
        </button>
        <button type="button" className="btn" disabled={blocked || busy !== null} onClick={() => void exportFile('xlsx')} data-testid="sms-export-xlsx">
          {busy === 'export' ? '正在导出…' : '导出 .xlsx'}
        </button>
        <button type="button" className="btn" disabled={blocked || busy !== null} onClick={() => void exportFile('csv')} data-testid="sms-export-csv">
          导出 .csv
        </button>
        <button type="button" className="btn btn-primary" disabled={!exported || busy !== null} onClick={() => exported && void confirm(exported.batchId)} data-testid="sms-confirm">
          {busy === 'confirm' ? '正在登记…' : '确认已上传'}
        </button>
      </div>
    </dialog>
  );
}
