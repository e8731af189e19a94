import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ArchiveFileDetail } from '../../../../electron/shared/api/archives';
import {
  ARCHIVE_DOC_STATE_LABELS,
  ARCHIVE_DOC_STATES,
  ARCHIVE_EVENT_LABELS,
  ARCHIVE_STATUS_LABELS,
  EDITABLE_STATUSES,
  REOPENABLE_STATUSES,
  type ArchiveDocState,
} from '../../../../electron/shared/archive';
import { formatLocalDateTime } from '../../../../electron/shared/local-time';
import { call } from '../../api/client';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { LoadStatus } from '../../ui/LoadStatus';
import { isStale, readOnlyReason } from './archive-messages';

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; detail: ArchiveFileDetail };
type Draft = Record<string, { state: ArchiveDocState | ''; pages: string }>;

function draftOf(detail: ArchiveFileDetail): Draft {
  return Object.fromEntries(detail.documents.map((d) => [d.docTypeId, { state: d.state ?? '', pages: d.pages === null ? '' : String(d.pages) }]));
}

/**
 * 档案清单: one file in a drawer on the right (opened from the grid or by scanning its label):
 * its checklist with a state and page count per document, 重新打开 with a reason, who edited it
 * (none of them may review it) and what happened to it. `latest` is the file as the grid last
 * changed it, so both show the same.
 */
export function ArchiveFilePanel({ fileId, latest, onClose, onChanged }: { fileId: string; latest: ArchiveFileDetail | null; onClose(): void; onChanged(detail: ArchiveFileDetail): void }) {
  const { handleSessionError } = useSession();
  const [loaded, setState] = useState<LoadState>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const panelRef = useRef<HTMLElement>(null);

  useEffect(() => {
    let cancelled = false;
    call('archives.file', { fileId })
      .then((detail) => {
        if (!cancelled) setState({ status: 'ready', detail });
      })
      .catch((err: unknown) => {
        if (cancelled || handleSessionError(err)) return;
        setState({ status: 'error', message: errorMessage(err) });
      });
    return () => {
      cancelled = true;
    };
  }, [fileId, version, handleSessionError]);

  // A change made in the grid since the panel loaded shows here at once.
  const state: LoadState =
    latest && latest.row.fileId === fileId && (loaded.status !== 'ready' || latest.row.updatedAt > loaded.detail.row.updatedAt) ? { status: 'ready', detail: latest } : loaded;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const focus = document.activeElement;
      if (!focus || focus === document.body || panelRef.current?.contains(focus)) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const saved = useCallback(
    (detail: ArchiveFileDetail) => {
      setState({ status: 'ready', detail });
      onChanged(detail);
    },
    [onChanged],
  );

  return (
    <aside ref={panelRef} className="drawer archive-panel" role="dialog" aria-label="档案清单" data-testid="archive-panel">
      <div className="drawer-header">
        <div className="drawer-heading">
          <h2 className="drawer-title" data-testid="archive-panel-title">
            档案清单{state.status === 'ready' ? `：${state.detail.row.borrower}` : ''}
          </h2>
          {state.status === 'ready' ? <PanelSummary detail={state.detail} /> : null}
        </div>
        <button type="button" className="btn btn-small drawer-close" onClick={onClose} aria-label="关闭档案清单">
          关闭
        </button>
      </div>
      <div className="drawer-body">
        <LoadStatus state={state} />
        {state.status === 'ready' ? (
          <>
            <Checklist key={`${state.detail.row.fileId}-${state.detail.row.updatedAt}`} detail={state.detail} onSaved={saved} onStale={() => setVersion((v) => v + 1)} />
            {REOPENABLE_STATUSES.includes(state.detail.row.status) ? <Reopen detail={state.detail} onSaved={saved} /> : null}
            <section className="drawer-section">
              <h3>经办人员 <span className="section-note">修改过清单的人员不能审查本档案</span></h3>
              <p data-testid="archive-panel-editors">{state.detail.editors.length > 0 ? state.detail.editors.join('、') : '（尚无）'}</p>
            </section>
            <section className="drawer-section">
              <h3>档案记录</h3>
              {state.detail.events.length === 0 ? (
                <p className="muted">尚无记录。</p>
              ) : (
                <ul className="history archive-events" data-testid="archive-panel-events">
                  {state.detail.events.map((ev, i) => (
                    <li key={i}>
                      <span className="history-meta">
                        {formatLocalDateTime(ev.at)} {ev.staffName}
                      </span>{' '}
                      <strong>{ARCHIVE_EVENT_LABELS[ev.action]}</strong>
                      {ev.batchNo ? <span className="mono"> {ev.batchNo}</span> : null}
                      {ev.note ? <span className="history-note">：{ev.note}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        ) : null}
      </div>
    </aside>
  );
}

function PanelSummary({ detail }: { detail: ArchiveFileDetail }) {
  const r = detail.row;
  return (
    <div className="drawer-sub">
      <span className="mono" data-testid="archive-panel-loan">
        {r.loanNo}
      </span>
      <span>
        {r.product} · {r.guaranteeType}
      </span>
      <span>放款 {r.disbursedOn}</span>
      <span className={r.overdue ? 'text-danger' : undefined}>移交期限 {r.dueOn}{r.overdue ? '（已逾期）' : ''}</span>
      <span data-testid="archive-panel-status">
        <strong>{ARCHIVE_STATUS_LABELS[r.status]}</strong>
        {r.statusNote ? `：${r.statusNote}` : ''}
      </span>
    </div>
  );
}

function Checklist({ detail, onSaved, onStale }: { detail: ArchiveFileDetail; onSaved(d: ArchiveFileDetail): void; onStale(): void }) {
  const { handleSessionError } = useSession();
  const [draft, setDraft] = useState<Draft>(() => draftOf(detail));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editable = EDITABLE_STATUSES.includes(detail.row.status);

  const original = draftOf(detail);
  const changed = Object.entries(draft).filter(([id, d]) => d.state !== '' && (d.state !== original[id]?.state || d.pages !== original[id]?.pages));

  async function save(e: FormEvent) {
    e.preventDefault();
    if (changed.length === 0) return;
    const cells = [];
    for (const [docTypeId, d] of changed) {
      const pages = d.pages.trim() === '' ? null : Number(d.pages);
      if (pages !== null && (!Number.isInteger(pages) || pages < 0 || pages > 9999)) return setError('页数应为 0 至 9999 的整数');
      cells.push({ docTypeId, state: d.state as ArchiveDocState, pages });
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('archives.setDocuments', { fileId: detail.row.fileId, updatedAt: detail.row.updatedAt, cells }));
    } catch (err) {
      if (handleSessionError(err)) return;
      if (isStale(err)) {
        setError('该档案已被其他人修改，已重新加载，请核对后再改。');
        onStale();
      } else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="drawer-section">
      <h3>
        资料清单 <span className="section-note">缺 {detail.row.missing} 项，共 {detail.row.pages} 页</span>
      </h3>
      {!editable ? (
        <p className="muted" data-testid="archive-panel-readonly">
          {readOnlyReason(detail.row.status)}
        </p>
      ) : null}
      <form onSubmit={save} noValidate>
        <table className="mini-table archive-checklist" data-testid="archive-panel-checklist">
          <thead>
            <tr>
              <th>资料</th>
              <th>状态</th>
              <th className="num">页数</th>
            </tr>
          </thead>
          <tbody>
            {detail.documents.map((d) => {
              const v = draft[d.docTypeId] ?? { state: '', pages: '' };
              const set = (patch: Partial<Draft[string]>) => setDraft((all) => ({ ...all, [d.docTypeId]: { ...v, ...patch } }));
              return (
                <tr key={d.docTypeId} className={d.required ? undefined : 'row-muted'} data-testid="archive-panel-doc" data-doc={d.name}>
                  <td>
                    {d.name}
                    {d.required ? <span className="required-mark">*</span> : null}
                  </td>
                  <td>
                    <select value={v.state} disabled={!editable} onChange={(e) => set({ state: e.target.value as ArchiveDocState | '' })} aria-label={`${d.name} 状态`}>
                      <option value="" disabled>
                        {d.required ? '待填' : '—'}
                      </option>
                      {ARCHIVE_DOC_STATES.map((s) => (
                        <option key={s} value={s}>
                          {ARCHIVE_DOC_STATE_LABELS[s]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="num">
                    <input
                      className="archive-pages-input"
                      inputMode="numeric"
                      value={v.pages}
                      disabled={!editable}
                      onChange={(e) => set({ pages: e.target.value.replace(/[^0-9]/g, '').slice(0, 4) })}
                      aria-label={`${d.name} 页数`}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {error ? (
          <div className="alert alert-error" role="alert" data-testid="archive-panel-error">
            {error}
          </div>
        ) : null}
        {editable ? (
          <div className="handover-actions">
            <span className="muted">带 * 的为本档案必需的资料。</span>
            <button type="submit" className="btn btn-primary" disabled={busy || changed.length === 0} data-testid="archive-panel-save">
              {busy ? '正在保存…' : '保存清单'}
            </button>
          </div>
        ) : null}
      </form>
    </section>
  );
}

function Reopen({ detail, onSaved }: { detail: ArchiveFileDetail; onSaved(d: ArchiveFileDetail): void }) {
  const { handleSessionError } = useSession();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function reopen(e: FormEvent) {
    e.preventDefault();
    if (reason.trim() === '') return setError('请填写重新打开的原因');
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('archives.reopen', { fileId: detail.row.fileId, reason }));
      setReason('');
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="drawer-section">
      <h3>
        重新打开 <span className="section-note">改回“收集中”以修改清单，原因记入档案记录</span>
      </h3>
      <form className="archive-inline-form" onSubmit={reopen} noValidate>
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder="原因（必填）" aria-label="重新打开的原因" data-testid="archive-reopen-reason" />
        <button type="submit" className="btn" disabled={busy} data-testid="archive-reopen">
          {busy ? '正在处理…' : '重新打开'}
        </button>
      </form>
      {error ? (
        <div className="alert alert-error" role="alert" data-testid="archive-reopen-error">
          {error}
        </div>
      ) : null}
    </section>
  );
}
