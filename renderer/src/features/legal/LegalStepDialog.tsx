import { useEffect, useRef, useState, type FormEvent } from 'react';
import { LEGAL_STEP_KINDS, LEGAL_STEP_LABELS, type LegalStepKind } from '../../../../electron/shared/api/legal';
import { parseBusinessDate, todayLocal } from '../../../../electron/shared/dates';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { useSession } from '../../session/session';
import { DateInput } from '../../ui/DateInput';
import { errorMessage } from '../../ui/errors';
import '../handover/handover.css';
import { DialogSaveFooter } from '../../ui/DialogSaveFooter';

export interface LegalTarget {
  loanId: string;
  loanNo: string;
  borrower: string;
}

/**
 * 登记法律措施 on one loan (律师函, 支付令, 起诉, …), with the steps recorded so far. A loan with
 * any step leaves 诉讼准备. An account manager may record on their own book only (the backend says so).
 */
export function LegalStepDialog({ target, onClose, onSaved }: { target: LegalTarget; onClose(): void; onSaved(): void }) {
  const { handleSessionError } = useSession();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [kind, setKind] = useState<LegalStepKind>('lawyer-letter');
  const [stepOn, setStepOn] = useState(() => todayLocal());
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const steps = useRpcQuery('legal.list', { loanId: target.loanId });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const on = parseBusinessDate(stepOn);
    if (on === null) {
      setError('日期无效，应为 YYYY-MM-DD');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('legal.record', { loanId: target.loanId, stepOn: on, kind, note });
      onSaved();
      dialogRef.current?.close();
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialogRef} className="handover-dialog" aria-labelledby="legal-dialog-title" onClose={onClose} data-testid="legal-dialog">
      <form onSubmit={submit} noValidate>
        <h2 id="legal-dialog-title">
          登记法律措施：{target.borrower} <span className="muted mono">{target.loanNo}</span>
        </h2>
        <div className="handover-form">
          <label>
            措施
            <select value={kind} onChange={(e) => setKind(e.target.value as LegalStepKind)} autoFocus data-testid="legal-kind">
              {LEGAL_STEP_KINDS.map((k) => (
                <option key={k} value={k}>
                  {LEGAL_STEP_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            日期
            <DateInput value={stepOn} onChange={setStepOn} placeholder="YYYY-MM-DD" data-testid="legal-date" />
          </label>
          <label className="handover-wide-field">
            说明
            <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="如：律师函已寄往现住地" data-testid="legal-note" />
          </label>
        </div>
        {steps.state.status === 'ready' && steps.state.data.length > 0 ? (
          <table className="handover-table" data-testid="legal-steps">
            <thead>
              <tr>
                <th>日期</th>
                <th>措施</th>
                <th>说明</th>
                <th>登记人</th>
              </tr>
            </thead>
            <tbody>
              {steps.state.data.map((s) => (
                <tr key={s.id}>
                  <td>{s.stepOn}</td>
                  <td>{LEGAL_STEP_LABELS[s.kind]}</td>
                  <td>{s.note}</td>
                  <td>{s.staffName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <DialogSaveFooter error={error} errorTestId="legal-error" busy={busy} label="保存" saveTestId="legal-save" onCancel={() => dialogRef.current?.close()} />
      </form>
    </dialog>
  );
}

/** The 诉讼准备 tab's button: 登记法律措施 for the one row picked in the grid. */
export function LegalStepButton({ picked, onSaved, onNotice }: { picked(): LegalTarget[]; onSaved(): void; onNotice(text: string): void }) {
  const [target, setTarget] = useState<LegalTarget | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() => {
          const rows = picked();
          if (rows.length !== 1) onNotice('请勾选一笔贷款，再登记法律措施。');
          else setTarget(rows[0]);
        }}
        data-testid="legal-open"
      >
        登记法律措施
      </button>
      {target ? <LegalStepDialog target={target} onClose={() => setTarget(null)} onSaved={onSaved} /> : null}
    </>
  );
}
