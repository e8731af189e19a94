import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  CONTACT_REACHED,
  CONTACT_WAYS,
  REACHED_LABELS,
  WAY_LABELS,
  type ContactReached,
  type ContactView,
  type ContactWay,
} from '../../../../electron/shared/api/contacts';
import { parseBusinessDate } from '../../../../electron/shared/dates';
import { formatLocalDateTime } from '../../../../electron/shared/local-time';
import { formatYuan, parseYuanToFen } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { useSession } from '../../session/session';
import { DateInput } from '../../ui/DateInput';
import { errorMessage } from '../../ui/errors';
import './contacts.css';

/** Whom a contact is with: a household, and one of its loans or none (the household as a whole). */
export interface ContactTarget {
  borrowerId: string;
  borrower: string;
  loanId: string | null;
  loanNo: string | null;
  /** What the caller knows is owed, shown as a reminder (the worklist row's balance). */
  balanceFen?: number;
}

/**
 * 登记联系: a modal form, made for the keyboard — it opens on 联系方式, Tab moves field to field,
 * Enter saves, Esc closes. The time defaults to now; a promise needs both a date and an amount.
 */
export function ContactEntryDialog({ target, onClose, onSaved }: { target: ContactTarget; onClose(): void; onSaved(contact: ContactView): void }) {
  const { handleSessionError } = useSession();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [contactedAt, setContactedAt] = useState(() => formatLocalDateTime(new Date()));
  const [way, setWay] = useState<ContactWay>('phone');
  const [reached, setReached] = useState<ContactReached>('self');
  const [outcome, setOutcome] = useState('');
  const [promiseOn, setPromiseOn] = useState('');
  const [promiseYuan, setPromiseYuan] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  function localCheck(): string | null {
    const hasDate = promiseOn.trim() !== '';
    const hasAmount = promiseYuan.trim() !== '';
    if (hasDate !== hasAmount) return '还款承诺需同时填写承诺日期和承诺金额';
    if (hasDate && parseBusinessDate(promiseOn) === null) return '承诺还款日期无效，应为 YYYY-MM-DD';
    if (hasAmount && (parseYuanToFen(promiseYuan) ?? 0) <= 0) return '承诺金额无效，应为大于零的金额（元）';
    if (followUpOn.trim() !== '' && parseBusinessDate(followUpOn) === null) return '下次跟进日期无效，应为 YYYY-MM-DD';
    return null;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = localCheck();
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await call('contacts.record', {
        borrowerId: target.borrowerId,
        loanId: target.loanId,
        contactedAt: contactedAt.trim(),
        way,
        reached,
        outcome,
        promise: promiseOn.trim() !== '' ? { on: parseBusinessDate(promiseOn)!, amountFen: parseYuanToFen(promiseYuan)! } : null,
        followUpOn: followUpOn.trim() !== '' ? parseBusinessDate(followUpOn) : null,
        note,
      });
      onSaved(saved);
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialogRef} className="contact-dialog" aria-labelledby="contact-dialog-title" onClose={onClose} data-testid="contact-dialog">
      <form onSubmit={submit} noValidate className="contact-form">
        <h2 id="contact-dialog-title">
          登记联系：{target.borrower}
          {target.loanNo ? <span className="muted mono"> {target.loanNo}</span> : <span className="muted">（全户）</span>}
        </h2>
        {target.balanceFen !== undefined ? <p className="muted">余额 {formatYuan(target.balanceFen)} 元</p> : null}
        <div className="contact-grid">
          <label>
            联系方式
            <select value={way} onChange={(e) => setWay(e.target.value as ContactWay)} autoFocus data-testid="contact-way">
              {CONTACT_WAYS.map((w) => (
                <option key={w} value={w}>
                  {WAY_LABELS[w]}
                </option>
              ))}
            </select>
          </label>
          <label>
            联系对象
            <select value={reached} onChange={(e) => setReached(e.target.value as ContactReached)} data-testid="contact-reached">
              {CONTACT_REACHED.map((r) => (
                <option key={r} value={r}>
                  {REACHED_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <label>
            联系时间
            <input value={contactedAt} onChange={(e) => setContactedAt(e.target.value)} placeholder="YYYY-MM-DD HH:MM" className="mono" data-testid="contact-at" />
          </label>
          <label className="contact-wide">
            联系结果
            <input value={outcome} onChange={(e) => setOutcome(e.target.value)} placeholder="如：答应月底卖粮后还款" data-testid="contact-outcome" />
          </label>
          <label>
            承诺还款日期
            <DateInput value={promiseOn} onChange={setPromiseOn} placeholder="YYYY-MM-DD" data-testid="contact-promise-on" />
          </label>
          <label>
            承诺金额（元）
            <input value={promiseYuan} onChange={(e) => setPromiseYuan(e.target.value)} inputMode="decimal" placeholder="0.00" data-testid="contact-promise-amount" />
          </label>
          <label>
            下次跟进日期
            <DateInput value={followUpOn} onChange={setFollowUpOn} placeholder="YYYY-MM-DD" data-testid="contact-follow-up" />
          </label>
          <label className="contact-wide">
            备注
            <input value={note} onChange={(e) => setNote(e.target.value)} data-testid="contact-note" />
          </label>
        </div>
        {error ? (
          <div className="alert alert-error" role="alert" data-testid="contact-error">
            {error}
          </div>
        ) : null}
        <div className="contact-actions">
          <span className="muted">Enter 保存，Esc 取消</span>
          <button type="button" className="btn" onClick={() => dialogRef.current?.close()}>
            取消
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="contact-save">
            {busy ? '正在保存…' : '保存'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
