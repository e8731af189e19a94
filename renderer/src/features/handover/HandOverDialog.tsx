import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { HandoverOutcome } from '../../../../electron/shared/api/handover';
import type { WorklistRow } from '../../../../electron/shared/api/worklists';
import { parseBusinessDate } from '../../../../electron/shared/dates';
import { formatYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { formatCount } from '../../format';
import { useSession } from '../../session/session';
import { DateInput } from '../../ui/DateInput';
import { errorMessage } from '../../ui/errors';
import { deliverPrint } from './deliver-print';
import './handover.css';

/**
 * 移交所选贷款: the loans picked in the 待移交风险资产部 list go over to the risk-asset unit in one
 * numbered batch (接收人, 日期, 备注); then the transmittal list (移交清单) can be printed.
 */
export function HandOverDialog({ rows, onClose, onHandedOver }: { rows: WorklistRow[]; onClose(): void; onHandedOver(outcome: HandoverOutcome): void }) {
  const { handleSessionError } = useSession();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [receiver, setReceiver] = useState('');
  /** Empty: today, as the backend's clock has it. */
  const [handedOn, setHandedOn] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<HandoverOutcome | null>(null);
  const [printNotice, setPrintNotice] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const balanceFen = rows.reduce((s, r) => s + r.balanceFen, 0);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const on = handedOn.trim() === '' ? undefined : parseBusinessDate(handedOn);
    if (on === null) {
      setError('移交日期无效，应为 YYYY-MM-DD');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const outcome = await call('handover.handOver', { loanIds: rows.map((r) => r.loanId), ...(on ? { handedOn: on } : {}), receiver, note });
      setDone(outcome);
      onHandedOver(outcome);
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function print() {
    if (!done) return;
    setBusy(true);
    setError(null);
    try {
      setPrintNotice(deliverPrint(await call('handover.printTransmittal', { batchId: done.batchId, deliver: 'preview' })));
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialogRef} className="handover-dialog" aria-labelledby="handover-dialog-title" onClose={onClose} data-testid="handover-dialog">
      <h2 id="handover-dialog-title">移交风险资产部</h2>
      {done ? (
        <>
          <p role="status" data-testid="handover-done">
            已移交 {formatCount(done.loans)} 笔贷款，批次编号 <strong>{done.batchNo}</strong>，余额合计 {formatYuan(done.balanceFen)} 元，欠息合计 {formatYuan(done.interestOwedFen)} 元。
          </p>
          {printNotice ? <p className="muted">{printNotice}</p> : null}
        </>
      ) : (
        <form id="handover-form" onSubmit={submit} noValidate>
          <p>
            所选 {formatCount(rows.length)} 笔贷款，余额合计 {formatYuan(balanceFen)} 元。移交后这些贷款不再出现在各工作清单中，台账中标记为“已移交”。
          </p>
          <div className="handover-form">
            <label>
              接收人
              <input value={receiver} onChange={(e) => setReceiver(e.target.value)} autoFocus placeholder="风险资产部经办人" data-testid="handover-receiver" />
            </label>
            <label>
              移交日期
              <DateInput value={handedOn} onChange={setHandedOn} placeholder="不填为今天" data-testid="handover-date" />
            </label>
            <label className="handover-wide-field">
              备注
              <input value={note} onChange={(e) => setNote(e.target.value)} data-testid="handover-note" />
            </label>
          </div>
        </form>
      )}
      {error ? (
        <div className="alert alert-error" role="alert" data-testid="handover-error">
          {error}
        </div>
      ) : null}
      <div className="handover-actions">
        {done ? (
          <>
            <button type="button" className="btn btn-primary" onClick={() => void print()} disabled={busy} data-testid="handover-print">
              {busy ? '正在生成…' : '打印移交清单'}
            </button>
            <button type="button" className="btn" onClick={() => dialogRef.current?.close()} data-testid="handover-close">
              关闭
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn" onClick={() => dialogRef.current?.close()}>
              取消
            </button>
            <button type="submit" form="handover-form" className="btn btn-primary" disabled={busy} data-testid="handover-submit">
              {busy ? '正在移交…' : '确认移交'}
            </button>
          </>
        )}
      </div>
    </dialog>
  );
}
