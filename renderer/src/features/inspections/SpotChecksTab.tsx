import { useState } from 'react';
import {
  INSPECTION_CONCLUSION_LABELS,
  INSPECTION_WAY_LABELS,
  SPOT_CHECK_VERDICT_LABELS,
  type SpotCheckRow,
} from '../../../../electron/shared/api/inspections';
import { todayLocal } from '../../../../electron/shared/dates';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { formatCount } from '../../format';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { LoadStatus } from '../../ui/LoadStatus';
import { monthLabel, MonthPicker } from '../../ui/MonthPicker';
import type { PageNotice } from '../../ui/DismissibleNotice';

/** 抽查: the reviewer draws the month's sample of each inspector's inspections and confirms or disputes each, with a note. */
export function SpotChecksTab({ onNotice }: { onNotice(n: PageNotice): void }) {
  const { handleSessionError } = useSession();
  const [month, setMonth] = useState(todayLocal().slice(0, 7));
  const [version, setVersion] = useState(0);
  const [drawing, setDrawing] = useState(false);
  const list = useRpcQuery('spotChecks.list', { month }, version);
  const data = list.state.status === 'ready' ? list.state.data : null;

  async function draw() {
    setDrawing(true);
    onNotice(null);
    try {
      const out = await call('spotChecks.draw', { month });
      onNotice({ kind: 'success', text: out.drawn > 0 ? `已按 ${out.percent}% 抽取 ${monthLabel(month)} 的检查 ${formatCount(out.drawn)} 笔。` : `${monthLabel(month)} 没有需要新抽取的检查（已抽足或本月尚无检查）。` });
      setVersion((v) => v + 1);
    } catch (err) {
      if (!handleSessionError(err)) onNotice({ kind: 'error', text: errorMessage(err) });
    } finally {
      setDrawing(false);
    }
  }

  return (
    <div className="spot-checks">
      <div className="inspection-toolbar">
        <MonthPicker month={month} onChange={setMonth} testId="spot-month" />
        <button type="button" className="btn btn-primary" onClick={() => void draw()} disabled={drawing} data-testid="spot-draw">
          {drawing ? '正在抽取…' : '抽取样本'}
        </button>
        {data ? <span className="muted">每名检查人抽取本月检查的 {data.percent}%（向上取整）；同一样本可重复抽取，只补足缺少的。本人的检查由他人核查。</span> : null}
      </div>
      <LoadStatus state={list.state} />
      {data ? (
        <>
          {data.byInspector.length > 0 ? (
            <table className="mini-table spot-inspectors" data-testid="spot-by-inspector">
              <thead>
                <tr>
                  <th>检查人</th>
                  <th className="num">本月检查</th>
                  <th className="num">已抽取</th>
                  <th className="num">确认</th>
                  <th className="num">有异议</th>
                </tr>
              </thead>
              <tbody>
                {data.byInspector.map((r) => (
                  <tr key={r.staffId}>
                    <td>{r.name}</td>
                    <td className="num">{formatCount(r.inspections)}</td>
                    <td className="num">{formatCount(r.drawn)}</td>
                    <td className="num">{formatCount(r.confirmed)}</td>
                    <td className="num">{formatCount(r.disputed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">{monthLabel(month)} 尚无贷后检查记录。</p>
          )}
          {data.rows.length > 0 ? (
            <table className="mini-table spot-table" data-testid="spot-rows">
              <thead>
                <tr>
                  <th>借据号</th>
                  <th>户名</th>
                  <th>检查人</th>
                  <th>检查日期</th>
                  <th>方式</th>
                  <th>结论</th>
                  <th>核查</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <SpotRow key={r.checkId} row={r} onDecided={() => setVersion((v) => v + 1)} />
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function SpotRow({ row, onDecided }: { row: SpotCheckRow; onDecided(): void }) {
  const { handleSessionError } = useSession();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function decide(verdict: 'confirmed' | 'disputed') {
    if (verdict === 'disputed' && note.trim() === '') return setError('有异议时请写明理由');
    setBusy(true);
    setError(null);
    try {
      await call('spotChecks.decide', { checkId: row.checkId, verdict, note: note.trim() });
      onDecided();
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <tr data-testid="spot-row" data-loan={row.loanNo}>
      <td className="mono">{row.loanNo}</td>
      <td>{row.borrower}</td>
      <td>{row.inspector}</td>
      <td>{row.inspectedOn}</td>
      <td>{INSPECTION_WAY_LABELS[row.way]}</td>
      <td>{INSPECTION_CONCLUSION_LABELS[row.conclusion]}</td>
      <td>
        {row.verdict === 'pending' ? (
          <div className="spot-decide">
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder="核查说明（有异议时必填）" aria-label={`${row.loanNo} 核查说明`} data-testid="spot-note" />
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => void decide('confirmed')} data-testid="spot-confirm">
              确认
            </button>
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => void decide('disputed')} data-testid="spot-dispute">
              有异议
            </button>
            {error ? (
              <span className="field-error" role="alert" data-testid="spot-error">
                {error}
              </span>
            ) : null}
          </div>
        ) : (
          <span data-testid="spot-verdict" className={row.verdict === 'disputed' ? 'text-danger' : undefined}>
            {SPOT_CHECK_VERDICT_LABELS[row.verdict]}
            {row.note ? `：${row.note}` : ''}（{row.checker ?? ''} {row.checkedOn ?? ''}）
          </span>
        )}
      </td>
    </tr>
  );
}
