import './targets.css';
import { useMemo, useState, type FormEvent } from 'react';
import { BOARD_DEFINITIONS, type BoardRow, type RankingBoard } from '../../../../electron/shared/api/targets';
import { todayLocal } from '../../../../electron/shared/dates';
import { formatYuan, parseYuanToFen } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { downloadFile } from '../../files';
import { DataGrid } from '../../grid/DataGrid';
import { useSession } from '../../session/session';
import { FormError } from '../../ui/Field';
import { LoadStatus } from '../../ui/LoadStatus';
import { errorMessage, formErrors } from '../../ui/errors';
import { boardColumns } from './board-columns';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** 业绩排名: pick a month; the branch head and admins set targets; everyone sees, prints and exports the board. */
export function TargetsPage() {
  const { handleSessionError } = useSession();
  const [month, setMonth] = useState(todayLocal().slice(0, 7));
  const [typed, setTyped] = useState(month);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const board = useRpcQuery('targets.board', { month }, version);
  const data = board.state.status === 'ready' ? board.state.data : null;

  const go = (m: string) => {
    setMonth(m);
    setTyped(m);
    setNotice(null);
  };

  async function output(kind: 'pdf' | 'xlsx') {
    setBusy(kind);
    setNotice(null);
    try {
      if (kind === 'xlsx') {
        const file = await call('targets.exportXlsx', { month });
        downloadFile(file);
        setNotice({ kind: 'success', text: `已导出 ${file.fileName}。` });
      } else {
        const out = await call('targets.print', { month, deliver: 'preview' });
        if (out.kind === 'preview') setNotice({ kind: 'success', text: `已在打印预览窗口中打开 ${out.fileName}（A4 纵向）。` });
        else {
          downloadFile(out.file);
          setNotice({ kind: 'success', text: `已生成 ${out.file.fileName}，请在 PDF 阅读器中打开并打印（A4 纵向）。` });
        }
      }
    } catch (err) {
      if (!handleSessionError(err)) setNotice({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="page targets-page">
      <div className="page-header">
        <h1>业绩排名</h1>
        <div className="month-picker" role="group" aria-label="月份">
          <button type="button" className="btn btn-small" onClick={() => go(shiftMonth(month, -1))} aria-label="上个月">
            ‹
          </button>
          <input
            aria-label="月份（YYYY-MM）"
            data-testid="board-month"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && MONTH.test(typed.trim())) go(typed.trim());
            }}
            onBlur={() => (MONTH.test(typed.trim()) ? go(typed.trim()) : setTyped(month))}
          />
          <button type="button" className="btn btn-small" onClick={() => go(shiftMonth(month, 1))} aria-label="下个月">
            ›
          </button>
        </div>
        <div className="page-actions">
          <button type="button" className="btn" onClick={() => output('pdf')} disabled={!data || busy !== null} data-testid="board-print">
            {busy === 'pdf' ? '正在生成…' : '打印'}
          </button>
          <button type="button" className="btn" onClick={() => output('xlsx')} disabled={!data || busy !== null} data-testid="board-export">
            导出
          </button>
        </div>
      </div>
      {notice ? (
        <div className={`alert ${notice.kind === 'success' ? 'alert-success' : 'alert-error'}`} role="status">
          {notice.text}
        </div>
      ) : null}
      <section className="panel" aria-labelledby="board-title">
        <h2 id="board-title">{`${month.slice(0, 4)}年${Number(month.slice(5, 7))}月客户经理业绩排名`}</h2>
        <LoadStatus state={board.state} />
        {data ? <Board board={data} /> : null}
      </section>
      {data ? (
        <section className="panel" aria-labelledby="targets-title">
          <h2 id="targets-title">本月目标</h2>
          <TargetsForm key={data.month} board={data} onSaved={() => setVersion((v) => v + 1)} />
        </section>
      ) : null}
    </div>
  );
}

function Board({ board }: { board: RankingBoard }) {
  const totals = useMemo<BoardRow[]>(
    () => [
      {
        rank: 0,
        managerId: '__totals__',
        name: '合计',
        active: true,
        targets: { recoveredPrincipalFen: null, clearedLoans: null, contacts: null },
        results: board.totals,
        rates: { recoveredPrincipal: null, clearedLoans: null, contacts: null },
        score: null,
      },
    ],
    [board.totals],
  );
  return (
    <>
      {board.noImport ? (
        <div className="alert alert-warning" role="status" data-testid="board-no-import">
          本月尚无导入数据：收回逾期本金和清收笔数要等本月的核心系统数据导入后才能计算，联系次数照常统计。
        </div>
      ) : (
        <p className="muted" data-testid="board-dates">
          基准数据 {board.baselineAsOf}，期末数据 {board.endAsOf}
        </p>
      )}
      <div className="grid-box board-grid">
        <DataGrid<BoardRow>
          testId="board-grid"
          rowData={board.rows}
          columnDefs={boardColumns}
          getRowId={(p) => p.data.managerId}
          pinnedBottomRowData={totals}
          defaultColDef={{ filter: false }}
        />
      </div>
      <ol className="board-defs" data-testid="board-definitions">
        {BOARD_DEFINITIONS.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ol>
    </>
  );
}

interface TargetDraft {
  recovered: string;
  cleared: string;
  contacts: string;
}

function TargetsForm({ board, onSaved }: { board: RankingBoard; onSaved: () => void }) {
  const { handleSessionError } = useSession();
  const initial = useMemo(
    () =>
      Object.fromEntries(
        board.rows.map((r) => [
          r.managerId,
          {
            recovered: r.targets.recoveredPrincipalFen === null ? '' : formatYuan(r.targets.recoveredPrincipalFen).replace(/,/g, ''),
            cleared: r.targets.clearedLoans === null ? '' : String(r.targets.clearedLoans),
            contacts: r.targets.contacts === null ? '' : String(r.targets.contacts),
          },
        ]),
      ) as Record<string, TargetDraft>,
    [board.rows],
  );
  const [drafts, setDrafts] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rows = [...board.rows].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));

  const set = (id: string, k: keyof TargetDraft, v: string) => setDrafts((d) => ({ ...d, [id]: { ...d[id], [k]: v } }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    setDone(null);
    const bad: Record<string, string> = {};
    const targets = rows.map((r) => {
      const d = drafts[r.managerId];
      const fen = d.recovered.trim() === '' ? 0 : parseYuanToFen(d.recovered);
      const cleared = d.cleared.trim() === '' ? 0 : Number(d.cleared);
      const contacts = d.contacts.trim() === '' ? 0 : Number(d.contacts);
      if (fen === null || fen < 0) bad[`${r.managerId}.recovered`] = '金额无效';
      if (!Number.isInteger(cleared) || cleared < 0) bad[`${r.managerId}.cleared`] = '应为非负整数';
      if (!Number.isInteger(contacts) || contacts < 0) bad[`${r.managerId}.contacts`] = '应为非负整数';
      return { managerId: r.managerId, recoveredPrincipalFen: fen ?? 0, clearedLoans: cleared, contacts };
    });
    if (Object.keys(bad).length > 0) {
      setErrors(bad);
      setFormError('请按提示修改标红的项目。');
      return;
    }
    setBusy(true);
    try {
      const out = await call('targets.set', { month: board.month, targets });
      setDone(`已保存 ${out.saved} 名客户经理的目标。`);
      onSaved();
    } catch (err) {
      if (handleSessionError(err)) return;
      setFormError(formErrors(err).message);
    } finally {
      setBusy(false);
    }
  }

  if (!board.canSetTargets) {
    return (
      <p className="muted" data-testid="targets-read-only">
        目标由支行长或管理员设定，上表中的“目标”列即本月目标。
      </p>
    );
  }

  const cell = (id: string, k: keyof TargetDraft, label: string) => (
    <td>
      <input
        aria-label={label}
        inputMode="decimal"
        value={drafts[id]?.[k] ?? ''}
        onChange={(e) => set(id, k, e.target.value)}
        aria-invalid={errors[`${id}.${k}`] ? true : undefined}
        title={errors[`${id}.${k}`]}
      />
    </td>
  );

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="设定本月目标">
      <table className="mini-table targets-table" data-testid="targets-table">
        <thead>
          <tr>
            <th>客户经理</th>
            <th>收回逾期本金目标（元）</th>
            <th>清收逾期贷款目标（笔）</th>
            <th>联系次数目标</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.managerId}>
              <td>{r.name}</td>
              {cell(r.managerId, 'recovered', `${r.name} 收回逾期本金目标`)}
              {cell(r.managerId, 'cleared', `${r.name} 清收逾期贷款目标`)}
              {cell(r.managerId, 'contacts', `${r.name} 联系次数目标`)}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">留空或填 0 表示不设该项目标（完成率显示“—”，不计入综合得分）。按回车保存。</p>
      <FormError message={formError} />
      {done ? (
        <div className="alert alert-success" role="status" data-testid="targets-saved">
          {done}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="targets-submit">
          {busy ? '正在保存…' : '保存目标'}
        </button>
      </div>
    </form>
  );
}
