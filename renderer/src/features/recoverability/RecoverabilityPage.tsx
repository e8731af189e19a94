import './recoverability.css';
import { useState, type FormEvent } from 'react';
import type { GridApi, RowSelectionOptions } from 'ag-grid-community';
import { VERDICT_LABELS, VERDICTS, type NplRow, type RecoverabilitySummary, type Verdict } from '../../../../electron/shared/api/recoverability';
import { todayLocal } from '../../../../electron/shared/dates';
import { formatWanYuan, formatYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { formatCount } from '../../format';
import { DataGrid } from '../../grid/DataGrid';
import { useSession } from '../../session/session';
import { DateInput } from '../../ui/DateInput';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { FormError, SelectField, TextField } from '../../ui/Field';
import { LoadStatus } from '../../ui/LoadStatus';
import { nplColumns } from './npl-columns';

const rowSelection: RowSelectionOptions = { mode: 'multiRow', checkboxes: true, headerCheckbox: true, selectAll: 'filtered', enableClickSelection: true };

/** 不良贷款可回收性: the non-performing loans with their current verdict, assessing selected rows, and the summary by manager. */
export function RecoverabilityPage() {
  const { user } = useSession();
  const [version, setVersion] = useState(0);
  const [api, setApi] = useState<GridApi<NplRow> | null>(null);
  const [selected, setSelected] = useState<NplRow[]>([]);
  const list = useRpcQuery('recoverability.list', {}, version);
  const summary = useRpcQuery('recoverability.summary', {}, version);
  const changed = () => {
    api?.deselectAll();
    setVersion((v) => v + 1);
  };
  const data = list.state.status === 'ready' ? list.state.data : null;
  const single = selected.length === 1 ? selected[0] : null;

  return (
    <div className="page recoverability-page">
      <div className="page-header">
        <h1>不良贷款可回收性</h1>
        <span className="muted">不良贷款（次级、可疑、损失）逐笔评估：可以收回、通过努力可以收回、暂时无法收回</span>
        <div className="page-actions">
          <button type="button" className="btn" onClick={changed}>
            刷新
          </button>
        </div>
      </div>
      <section className="panel" aria-labelledby="npl-title">
        <h2 id="npl-title">不良贷款</h2>
        <LoadStatus state={list.state} />
        {data ? (
          <>
            <AssessForm selected={selected} onDone={changed} />
            <div className="grid-box npl-grid">
              <DataGrid<NplRow>
                testId="npl-grid"
                rowData={data.rows}
                columnDefs={nplColumns}
                getRowId={(p) => p.data.loanId}
                rowSelection={rowSelection}
                selectionColumnDef={{ pinned: 'left' }}
                onGridReady={(e) => setApi(e.api)}
                onSelectionChanged={(e) => setSelected(e.api.getSelectedRows())}
              />
              <div className="grid-footer">
                <span data-testid="npl-count">
                  共 {formatCount(data.count)} 笔，余额 {formatYuan(data.balanceFen)} 元；已选 {formatCount(selected.length)} 笔
                </span>
                <span>{data.limitedToOwnBook ? '您只能评估自己管户的贷款。' : '勾选一笔或多笔（点击行也可勾选），填写评估结论和理由后保存。'}</span>
              </div>
            </div>
            {single ? <History key={`${single.loanId}-${version}`} row={single} /> : null}
          </>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="summary-title">
        <h2 id="summary-title">按客户经理汇总</h2>
        <LoadStatus state={summary.state} />
        {summary.state.status === 'ready' ? <SummaryTable summary={summary.state.data} /> : null}
        <p className="muted">按贷款现在的管户客户经理汇总；金额单位万元；合计为全行不良贷款{user.role === 'manager' ? '' : '（与管户分配页的不良余额一致）'}。</p>
      </section>
    </div>
  );
}

function AssessForm({ selected, onDone }: { selected: NplRow[]; onDone: () => void }) {
  const [verdict, setVerdict] = useState<Verdict | ''>('');
  const [reason, setReason] = useState('');
  const [assessedOn, setAssessedOn] = useState(todayLocal());
  const { busy, errors, setErrors, formError, setFormError, run } = useFormSubmit();
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    setDone(null);
    if (selected.length === 0) return setFormError('请先在表格中勾选要评估的贷款。');
    if (!verdict) return setErrors({ verdict: '请选择可回收性' });
    if (!reason.trim()) return setErrors({ reason: '请填写理由' });
    await run(async () => {
      const out = await call('recoverability.assess', { loanIds: selected.map((r) => r.loanId), verdict, reason, assessedOn: assessedOn === todayLocal() ? undefined : assessedOn });
      setDone(`已评估 ${formatCount(out.assessed)} 笔：${VERDICT_LABELS[verdict]}。`);
      setReason('');
      onDone();
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="评估可回收性">
      <div className="assess-bar">
        <SelectField
          label="可回收性"
          name="verdict"
          value={verdict}
          onChange={(e) => setVerdict(e.target.value as Verdict | '')}
          options={[{ value: '', label: '请选择' }, ...VERDICTS.map((v) => ({ value: v, label: VERDICT_LABELS[v] }))]}
          error={errors.verdict}
        />
        <div className="field-reason">
          <TextField label="理由" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} maxLength={400} />
        </div>
        <div className={errors.assessedOn ? 'field field-invalid' : 'field'}>
          <label className="field-label" htmlFor="assessed-on">
            评估日期
          </label>
          <DateInput id="assessed-on" value={assessedOn} onChange={setAssessedOn} max={todayLocal()} />
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || selected.length === 0} data-testid="assess-submit">
            {busy ? '正在保存…' : `评估所选 ${selected.length} 笔`}
          </button>
        </div>
      </div>
      <FormError message={formError} />
      {done ? (
        <div className="alert alert-success" role="status" data-testid="assess-done">
          {done}
        </div>
      ) : null}
    </form>
  );
}

function History({ row }: { row: NplRow }) {
  const history = useRpcQuery('recoverability.history', { loanId: row.loanId });
  return (
    <div data-testid="assessment-history">
      <h3>
        {row.loanNo} {row.borrower} 的评估记录
      </h3>
      <LoadStatus state={history.state} />
      {history.state.status === 'ready' ? (
        history.state.data.length === 0 ? (
          <p className="muted">尚未评估。</p>
        ) : (
          <table className="mini-table">
            <thead>
              <tr>
                <th>评估日期</th>
                <th>可回收性</th>
                <th>理由</th>
                <th>评估人</th>
              </tr>
            </thead>
            <tbody>
              {history.state.data.map((h) => (
                <tr key={h.id}>
                  <td>{h.assessedOn}</td>
                  <td>
                    {VERDICT_LABELS[h.verdict]}
                    {h.current ? '（当前）' : ''}
                  </td>
                  <td>{h.reason}</td>
                  <td>{h.staffName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </div>
  );
}

const KEYS = [...VERDICTS, 'none'] as const;
const KEY_LABELS: Record<(typeof KEYS)[number], string> = { ...VERDICT_LABELS, none: '未评估' };

function SummaryTable({ summary }: { summary: RecoverabilitySummary }) {
  const rows = [...summary.rows, summary.totals];
  return (
    <div className="mini-table-wrap">
      <table className="mini-table" data-testid="recoverability-summary">
        <thead>
          <tr>
            <th rowSpan={2}>客户经理</th>
            {KEYS.map((k) => (
              <th key={k} colSpan={2}>
                {KEY_LABELS[k]}
              </th>
            ))}
            <th colSpan={2}>不良合计</th>
          </tr>
          <tr>
            {[...KEYS, 'total'].map((k) => [
              <th key={`${k}-n`} className="num">
                笔数
              </th>,
              <th key={`${k}-b`} className="num">
                余额
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.managerId ?? (i === rows.length - 1 ? '__totals__' : '__nobody__')} className={i === rows.length - 1 ? 'totals' : undefined}>
              <td>{r.name}</td>
              {[...KEYS.map((k) => r.byVerdict[k]), r.total].map((c, j) => [
                <td key={`${j}-n`} className="num">
                  {formatCount(c.loans)}
                </td>,
                <td key={`${j}-b`} className="num">
                  {formatWanYuan(c.balanceFen)}
                </td>,
              ])}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
