import { useState, type FormEvent } from 'react';
import { WARNING_DEFINITIONS, WARNING_SIGNAL_LABELS, WARNING_SIGNALS, type WarningItem, type WarningLoan, type WarningSignal } from '../../../../electron/shared/api/warnings';
import { formatYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { formatCount } from '../../format';
import { DialogSaveFooter } from '../../ui/DialogSaveFooter';
import { LoadStatus } from '../../ui/LoadStatus';
import { managerFilter } from '../../ui/ManagerVillageFilters';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { Modal } from '../archives/ArchiveDialogs';
import { INSPECTION_CONCLUSION_LABELS, INSPECTION_WAY_LABELS } from '../../../../electron/shared/api/inspections';

const WARNING_ROWS = 500;

/** 风险预警: loans with uncleared signals at the newest import, each signal with its evidence, cleared with an inspection or a note. */
export function WarningsTab({ manager, villageId, version, onChanged }: { manager: string; villageId: string; version: number; onChanged(text: string): void }) {
  const [signal, setSignal] = useState<WarningSignal | ''>('');
  const [clearing, setClearing] = useState<{ loan: WarningLoan; item: WarningItem } | null>(null);
  const list = useRpcQuery('warnings.list', { ...managerFilter(manager), ...(villageId ? { villageId } : {}), ...(signal ? { signal } : {}), limit: WARNING_ROWS }, version);
  const data = list.state.status === 'ready' ? list.state.data : null;

  return (
    <div className="warnings">
      <div className="inspection-toolbar" role="group" aria-label="预警信号">
        <button type="button" className={signal === '' ? 'chip chip-active' : 'chip'} onClick={() => setSignal('')}>
          全部
        </button>
        {WARNING_SIGNALS.map((s) => (
          <button key={s} type="button" className={signal === s ? 'chip chip-active' : 'chip'} onClick={() => setSignal(s)} title={WARNING_DEFINITIONS[s]} data-testid={`warning-signal-${s}`}>
            {WARNING_SIGNAL_LABELS[s]} {data ? formatCount(data.counts[s]) : '…'}
          </button>
        ))}
      </div>
      <LoadStatus state={list.state} />
      {data ? (
        <>
          <p className="muted" data-testid="warnings-summary">
            {data.asOf ? `按 ${data.asOf} 的导入数据：${formatCount(data.total)} 笔贷款有未处理的预警信号。` : '尚无导入数据。'}
            {data.total > data.rows.length ? ` 显示前 ${formatCount(data.rows.length)} 笔。` : ''}
          </p>
          {data.rows.length > 0 ? (
            <table className="mini-table warnings-table" data-testid="warnings-rows">
              <thead>
                <tr>
                  <th>借据号</th>
                  <th>户名</th>
                  <th>村</th>
                  <th>客户经理</th>
                  <th className="num">余额（元）</th>
                  <th>到期日</th>
                  <th>预警信号及依据</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((l) => (
                  <tr key={l.loanId} data-testid="warning-row" data-loan={l.loanNo}>
                    <td className="mono">{l.loanNo}</td>
                    <td>{l.borrower}</td>
                    <td>{l.village ?? ''}</td>
                    <td>{l.manager ?? '未分配'}</td>
                    <td className="num">{formatYuan(l.balanceFen)}</td>
                    <td>{l.maturityOn ?? ''}</td>
                    <td>
                      <ul className="warning-signals">
                        {l.signals.map((s) => (
                          <li key={`${s.signal}:${s.evidenceKey}`}>
                            <strong className="text-danger">{WARNING_SIGNAL_LABELS[s.signal]}</strong> {s.text}
                            <Evidence item={s} />
                            <button type="button" className="btn btn-small" onClick={() => setClearing({ loan: l, item: s })} data-testid="warning-clear">
                              清除
                            </button>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <ul className="muted warning-defs">
            {WARNING_SIGNALS.map((s) => (
              <li key={s}>
                {WARNING_SIGNAL_LABELS[s]}：{WARNING_DEFINITIONS[s]}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {clearing ? (
        <ClearDialog
          loan={clearing.loan}
          item={clearing.item}
          onClose={() => setClearing(null)}
          onCleared={() => {
            onChanged(`已处理 ${clearing.loan.loanNo} 的“${WARNING_SIGNAL_LABELS[clearing.item.signal]}”预警。`);
            setClearing(null);
          }}
        />
      ) : null}
    </div>
  );
}

/** The snapshots the signal was read from: date, balance, overdue days, interest owed, class. */
function Evidence({ item }: { item: WarningItem }) {
  if (item.snapshots.length === 0) return null;
  return (
    <table className="mini-table warning-evidence">
      <tbody>
        {item.snapshots.map((s) => (
          <tr key={s.asOf}>
            <td>{s.asOf}</td>
            <td>余额 {formatYuan(s.balanceFen)}</td>
            <td>逾期 {s.principalOverdueDays} 天</td>
            <td>欠息 {s.interestOwedFen === null ? '—' : formatYuan(s.interestOwedFen)}</td>
            <td>{s.riskClass ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ClearDialog({ loan, item, onClose, onCleared }: { loan: WarningLoan; item: WarningItem; onClose(): void; onCleared(): void }) {
  const { busy, formError, setFormError, run } = useFormSubmit();
  const [note, setNote] = useState('');
  const [inspectionId, setInspectionId] = useState('');
  const history = useRpcQuery('inspections.byLoan', { loanId: loan.loanId });
  const inspections = history.state.status === 'ready' ? history.state.data.inspections : [];

  return (
    <Modal title={`处理预警：${loan.loanNo} ${loan.borrower} ${WARNING_SIGNAL_LABELS[item.signal]}`} testId="warning-clear-dialog" onClose={onClose}>
      <p>{item.text}</p>
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (note.trim() === '' && inspectionId === '') return setFormError('请填写处理说明或选择一次贷后检查');
          void run(async () => {
            await call('warnings.clear', { loanId: loan.loanId, signal: item.signal, evidenceKey: item.evidenceKey, note: note.trim(), ...(inspectionId ? { inspectionId } : {}) });
            onCleared();
          });
        }}
      >
        <div className="handover-form">
          <label className="handover-wide-field">
            依据的贷后检查
            <select value={inspectionId} onChange={(e) => setInspectionId(e.target.value)} data-testid="warning-clear-inspection">
              <option value="">（不选，只写处理说明）</option>
              {inspections.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.inspectedOn} {INSPECTION_WAY_LABELS[i.way]} {i.staffName} {INSPECTION_CONCLUSION_LABELS[i.conclusion]}
                </option>
              ))}
            </select>
          </label>
          <label className="handover-wide-field">
            处理说明
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder="如：已电话核实，借款人外出务工，按月还息" data-testid="warning-clear-note" />
          </label>
        </div>
        <DialogSaveFooter error={formError} errorTestId="warning-clear-error" busy={busy} label="清除预警" saveTestId="warning-clear-save" onCancel={onClose} />
      </form>
    </Modal>
  );
}
