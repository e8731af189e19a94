import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ReceiptScanned } from '../../../../electron/shared/api/notices';
import { parseBusinessDate, todayLocal } from '../../../../electron/shared/dates';
import { formatYuan } from '../../../../electron/shared/money';
import { NOTICE_KIND_LABELS } from '../../../../electron/shared/notices';
import { call } from '../../api/client';
import { useSession } from '../../session/session';
import { DateInput } from '../../ui/DateInput';
import { errorMessage } from '../../ui/errors';
import { beepError, beepSuccess } from './beep';

type Scan = { at: string; code: string } & ({ ok: true; receipt: ReceiptScanned } | { ok: false; message: string });

/**
 * 回执扫描: a USB barcode scanner types the receipt's code and Enter into the focused field. Each
 * code is taken off the field at once (the next receipt may already be coming) and sent in turn;
 * a confirmation (borrower, addressee, number, amount) and a beep, or the backend's message and a
 * buzz. 签收日期 and 签收人 stay between scans. The session's scans are listed below, newest first.
 */
export function ReceiptScan({ onScanned }: { onScanned(): void }) {
  const { handleSessionError } = useSession();
  const inputRef = useRef<HTMLInputElement>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const [code, setCode] = useState('');
  const [receiptOn, setReceiptOn] = useState('');
  const [signer, setSigner] = useState('');
  const [scans, setScans] = useState<Scan[]>([]);
  const [pending, setPending] = useState(0);
  const [dateProblem, setDateProblem] = useState<string | null>(null);

  useEffect(() => inputRef.current?.focus(), []);

  async function send(scanned: string, on: string | undefined, by: string) {
    const at = new Date().toLocaleTimeString('zh-CN', { hour12: false });
    try {
      const receipt = await call('notices.scanReceipt', { code: scanned, ...(on ? { receiptOn: on } : {}), signer: by });
      beepSuccess();
      setScans((s) => [{ at, code: scanned, ok: true as const, receipt }, ...s]);
      onScanned();
    } catch (err) {
      if (handleSessionError(err)) return;
      beepError();
      setScans((s) => [{ at, code: scanned, ok: false as const, message: errorMessage(err) }, ...s]);
    } finally {
      setPending((n) => n - 1);
      inputRef.current?.focus();
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const scanned = code.trim();
    if (scanned === '') return;
    const dateText = receiptOn.trim();
    const on = dateText === '' ? undefined : parseBusinessDate(dateText);
    if (on === null) {
      setDateProblem('签收日期无效，请按 YYYY-MM-DD 填写或留空（按今天）。');
      beepError();
      return;
    }
    setDateProblem(null);
    setCode('');
    setPending((n) => n + 1);
    const by = signer;
    queue.current = queue.current.then(() => send(scanned, on, by));
  }

  const last = scans[0];

  return (
    <section className="panel receipt-scan" aria-label="回执扫描">
      <div className="receipt-scan-fields">
        <label className="receipt-scan-code">
          扫描回执条码
          <input
            ref={inputRef}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onKeyDown={onKeyDown}
            autoComplete="off"
            spellCheck={false}
            placeholder="将光标留在此处，用扫码枪扫描回执上的条码（也可输入编号后按回车）"
            data-testid="receipt-scan"
          />
        </label>
        <label>
          签收日期
          <DateInput value={receiptOn} onChange={setReceiptOn} max={todayLocal()} placeholder={`留空为今天 ${todayLocal()}`} data-testid="receipt-date" />
        </label>
        <label>
          签收人
          <input value={signer} onChange={(e) => setSigner(e.target.value)} maxLength={40} placeholder="可不填" data-testid="receipt-signer" />
        </label>
      </div>
      {pending > 0 ? <p className="muted">正在登记 {pending} 张回执…</p> : null}
      {dateProblem ? (
        <div className="alert alert-error" role="alert" data-testid="receipt-error">
          {dateProblem}
        </div>
      ) : last ? (
        last.ok ? (
          <div className="alert alert-success receipt-confirmation" role="status" data-testid="receipt-confirmation">
            <strong>回执已收回</strong>：借款人 {last.receipt.borrowerName}，收件人 {last.receipt.addressee}，{NOTICE_KIND_LABELS[last.receipt.kind]}{' '}
            <span className="mono">{last.receipt.noticeNo}</span>，借据号 <span className="mono">{last.receipt.loanNo}</span>，金额{' '}
            <strong>{formatYuan(last.receipt.amountFen)} 元</strong>，签收日期 {last.receipt.receiptOn}。
          </div>
        ) : (
          <div className="alert alert-error" role="alert" data-testid="receipt-error">
            <span className="mono">{last.code}</span>：{last.message}
          </div>
        )
      ) : null}
      {scans.length > 0 ? (
        <div className="mini-table-wrap receipt-scans">
          <table className="mini-table" data-testid="receipt-scans">
            <caption className="muted">本次扫描 {scans.length} 张，成功 {scans.filter((s) => s.ok).length} 张</caption>
            <thead>
              <tr>
                <th>时间</th>
                <th>条码</th>
                <th>结果</th>
                <th>借款人</th>
                <th>收件人</th>
                <th className="num">金额(元)</th>
              </tr>
            </thead>
            <tbody>
              {scans.map((s, i) => (
                <tr key={scans.length - i} className={s.ok ? undefined : 'row-muted'}>
                  <td>{s.at}</td>
                  <td className="mono">{s.ok ? s.receipt.noticeNo : s.code}</td>
                  <td className={s.ok ? undefined : 'text-danger'}>{s.ok ? '已收回' : s.message}</td>
                  <td>{s.ok ? s.receipt.borrowerName : ''}</td>
                  <td>{s.ok ? s.receipt.addressee : ''}</td>
                  <td className="num">{s.ok ? formatYuan(s.receipt.amountFen) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
