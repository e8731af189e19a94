import { useState, type FormEvent } from 'react';
import { INTERRUPTION_LABELS, RECORDED_KINDS, RECORDED_LABELS, START_LABELS, type LimitationEvent, type RecordedKind } from '../../../../electron/shared/api/limitation';
import { parseBusinessDate, todayLocal } from '../../../../electron/shared/dates';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { useSession } from '../../session/session';
import { DateInput } from '../../ui/DateInput';
import { errorMessage } from '../../ui/errors';
import { interruptionText } from './limitation-columns';

const EVENT_LABELS: Record<LimitationEvent['kind'], string> = { ...INTERRUPTION_LABELS, maturity: '到期', acceleration: RECORDED_LABELS.acceleration };

/**
 * One loan's clock as of the page's date: its start, its end and every event that did or did
 * not move it (and why), with a small form to record an acceleration or a written acknowledgement.
 */
export function LoanClockPanel({ loanId, asOf, version, onClose, onSaved }: { loanId: string; asOf: string | undefined; version: number; onClose(): void; onSaved(): void }) {
  const { handleSessionError } = useSession();
  const clock = useRpcQuery('limitation.loan', { loanId, ...(asOf ? { asOf } : {}) }, version);
  const [kind, setKind] = useState<RecordedKind>('acknowledgement');
  const [eventOn, setEventOn] = useState(() => todayLocal());
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const on = parseBusinessDate(eventOn);
    if (on === null) {
      setMessage({ kind: 'error', text: '日期无效，应为 YYYY-MM-DD' });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await call('limitation.record', { loanId, kind, eventOn: on, note });
      setNote('');
      setMessage({ kind: 'success', text: `已登记${RECORDED_LABELS[kind]}（${on}）。` });
      onSaved();
    } catch (err) {
      if (!handleSessionError(err)) setMessage({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  const data = clock.state.status === 'ready' ? clock.state.data : null;
  return (
    <aside className="panel limitation-panel" aria-label="时效明细" data-testid="limitation-detail">
      <div className="panel-title-row">
        <h2>
          时效明细 {data ? <span className="mono">{data.loanNo}</span> : null} {data?.borrowerName ?? ''}
        </h2>
        <button type="button" className="btn-link" onClick={onClose}>
          关闭
        </button>
      </div>
      {clock.state.status === 'error' ? (
        <div className="alert alert-error" role="alert">
          {clock.state.message}
        </div>
      ) : null}
      {data === null ? (
        clock.state.status === 'loading' ? <p className="muted">正在加载…</p> : null
      ) : data.expiresOn === null ? (
        <p className="muted">这笔贷款{data.status === 'settled' ? '已结清' : '没有到期日'}，不计算诉讼时效。</p>
      ) : (
        <dl className="limitation-summary">
          <dt>截至</dt>
          <dd>{data.asOf}</dd>
          <dt>起算</dt>
          <dd>
            {data.startOn}（{START_LABELS[data.startKind ?? 'maturity']}）
          </dd>
          <dt>最近中断</dt>
          <dd>{interruptionText(data.lastInterruption) || '无'}</dd>
          <dt>时效届满日</dt>
          <dd data-testid="limitation-detail-expires" className={data.daysLeft !== null && data.daysLeft < 0 ? 'text-danger mono' : 'mono'}>
            {data.expiresOn}
            {data.daysLeft !== null ? (data.daysLeft < 0 ? `（已届满 ${-data.daysLeft} 天）` : `（剩余 ${data.daysLeft} 天）`) : ''}
          </dd>
        </dl>
      )}
      {data && data.events.length > 0 ? (
        <table className="limitation-events" data-testid="limitation-events">
          <thead>
            <tr>
              <th>日期</th>
              <th>事项</th>
              <th>依据</th>
              <th>是否计入</th>
            </tr>
          </thead>
          <tbody>
            {data.events.map((ev, i) => (
              <tr key={i} className={ev.counted ? '' : 'muted'}>
                <td className="mono">{ev.date}</td>
                <td>{EVENT_LABELS[ev.kind]}</td>
                <td>{ev.ref}</td>
                <td title={ev.reason}>{ev.counted ? `✔ ${ev.reason}` : `✘ ${ev.reason}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form className="limitation-form" onSubmit={submit} noValidate>
        <h3>登记</h3>
        <label>
          事项
          <select value={kind} onChange={(e) => setKind(e.target.value as RecordedKind)} data-testid="limitation-record-kind">
            {RECORDED_KINDS.map((k) => (
              <option key={k} value={k}>
                {RECORDED_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          日期
          <DateInput value={eventOn} onChange={setEventOn} max={todayLocal()} placeholder="YYYY-MM-DD" data-testid="limitation-record-date" />
        </label>
        <label>
          说明
          <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="如：借款人签署还款承诺书" data-testid="limitation-record-note" />
        </label>
        {message ? (
          <div className={`alert alert-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="limitation-record-message">
            {message.text}
          </div>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="limitation-record-save">
          {busy ? '正在保存…' : '登记'}
        </button>
      </form>
    </aside>
  );
}
