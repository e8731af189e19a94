import { useEffect, useRef, useState } from 'react';
import { WRITE_WAITING_EVENT, type ImportProgress } from '../../../../electron/shared/api/calls';
import type { ImportCounts, ImportPreview } from '../../../../electron/shared/api/imports';
import { isBusinessDate } from '../../../../electron/shared/dates';
import { settleShare, settlesLargeShare } from '../../../../electron/shared/large-settle';
import { call, RpcCallError } from '../../api/client';
import { formatLocalDateTime } from '../../../../electron/shared/local-time';
import { formatCount } from '../../format';
import { formatYuan } from '../../../../electron/shared/money';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { DateInput } from '../../ui/DateInput';
import { FormError } from '../../ui/Field';
import { percentOf, ProgressBar } from '../../ui/ProgressBar';
import { WRITE_WAITING_TEXT } from '../../ui/write-waiting';
import { ImportIssues } from './ImportIssues';
import { dataAsOfChanged } from '../../shell/DataAsOf';
import { importWritingEnded, previewShown, setImportWriting } from './import-writing';


type Preview = Extract<ImportPreview, { kind: 'preview' }>;

interface Props {
  preview: Preview;
  onCommitted(result: ImportCounts & { importId: string }, asOf: string, fullExport: boolean): void;
  onCancel(): void;
  /** The preview is gone on the backend (timed out): the user must pick the file again. */
  onExpired(message: string): void;
}


/** The preview of an import: what it would do, rows it refuses, warnings; 确认导入 writes it. */
export function ImportPreviewView({ preview: initial, onCommitted, onCancel, onExpired }: Props) {
  const { handleSessionError } = useSession();
  const [preview, setPreview] = useState(initial);
  const [asOfText, setAsOfText] = useState(initial.asOf ?? '');
  const [fullExport, setFullExport] = useState(initial.fullExport);
  const [busy, setBusy] = useState<'replan' | 'commit' | 'cancelling' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [written, setWritten] = useState<ImportProgress | null>(null);
  /** The commit waits for another program's write (the CLI importing) before it can start writing. */
  const [waitingForLock, setWaitingForLock] = useState(false);
  const committing = useRef<AbortController | null>(null);
  const seq = useRef(0);
  // The user may leave while it is written: the shell then says how it goes, and how it ended.
  const onScreen = useRef(false);
  useEffect(() => {
    onScreen.current = true;
    const gone = previewShown();
    return () => {
      onScreen.current = false;
      gone();
    };
  }, []);

  const asOfValid = isBusinessDate(asOfText);
  const counts = preview.counts;

  function handleError(err: unknown) {
    if (handleSessionError(err)) return;
    if (err instanceof RpcCallError && err.code === 'PREVIEW_EXPIRED') onExpired(err.message);
    else setError(errorMessage(err));
  }

  async function replan(asOf: string, full: boolean) {
    const id = ++seq.current;
    setBusy('replan');
    setError(null);
    try {
      const next = await call('imports.replan', { previewId: preview.previewId, asOf, fullExport: full });
      if (id !== seq.current) return;
      if (next.kind === 'preview') setPreview(next);
    } catch (err) {
      if (id === seq.current) handleError(err);
    } finally {
      if (id === seq.current) setBusy(null);
    }
  }

  function changeAsOf(value: string) {
    setAsOfText(value);
    if (isBusinessDate(value) && value !== preview.asOf) void replan(value, fullExport);
  }

  function changeFullExport(value: boolean) {
    setFullExport(value);
    if (asOfValid) void replan(asOfText, value);
  }

  async function commit() {
    if (!asOfValid || !counts) return;
    // Settling a large part of the register is what a partial file ticked 完整导出 does: ask first.
    const confirmSettle = settlesLargeShare(fullExport, counts);
    if (confirmSettle) {
      const question = `将有 ${formatCount(counts.settled)} 笔在贷贷款（约占 ${Math.round(settleShare(counts) * 100)}%）因不在此文件中而标记为结清。请确认这是核心系统的完整导出。确定导入吗？`;
      if (!window.confirm(question)) return;
    }
    // A date far back or well before the register's is likely a typo: the backend wants it confirmed.
    const { asOfWarning } = preview;
    if (asOfWarning && !window.confirm(`${asOfWarning.message}确定按此日期导入吗？`)) return;
    setBusy('commit');
    setError(null);
    setNotice(null);
    setWritten(null);
    setWaitingForLock(false);
    const controller = (committing.current = new AbortController());
    const { fileName } = preview;
    let writing = { kind: 'writing' as const, fileName, written: null as ImportProgress | null, waitingForLock: false };
    setImportWriting(writing);
    try {
      const result = await call(
        'imports.commit',
        { previewId: preview.previewId, asOf: asOfText, fullExport, confirmAsOf: asOfWarning !== null, confirmSettle },
        {
          signal: controller.signal,
          onEvent: (event, payload) => {
            if (event === WRITE_WAITING_EVENT) {
              setWaitingForLock(true);
              setImportWriting((writing = { ...writing, waitingForLock: true }));
            }
            if (event !== 'imports.progress') return;
            setWaitingForLock(false);
            setWritten(payload as ImportProgress);
            setImportWriting((writing = { ...writing, written: payload as ImportProgress, waitingForLock: false }));
          },
        },
      );
      // A cancel that came after the last write finds the import committed: it is shown as imported.
      dataAsOfChanged();
      importWritingEnded(
        fileName,
        true,
        `已导入 ${fileName}：新增 ${formatCount(result.inserted)} 笔，更新 ${formatCount(result.updated)} 笔，结清 ${formatCount(result.settled)} 笔。正在看的页面请点“刷新”。`,
        onScreen.current,
      );
      onCommitted(result, asOfText, fullExport);
    } catch (err) {
      const cancelled = err instanceof RpcCallError && err.code === 'CANCELLED';
      importWritingEnded(fileName, false, cancelled ? `已取消导入 ${fileName}，数据库没有任何改动。` : `导入 ${fileName} 未完成，数据库没有任何改动：${errorMessage(err)}`, onScreen.current);
      if (cancelled) setNotice('已取消导入，数据库没有任何改动。可以再次确认导入，或取消后重新选择文件。');
      else handleError(err);
      setBusy(null);
    } finally {
      committing.current = null;
    }
  }

  /** 取消导入: the backend stops at its next write and rolls the import back; the page waits for its answer. */
  function cancelCommit() {
    committing.current?.abort();
    setBusy('cancelling');
  }

  // While it is written, the date and 完整导出 stay as committed: a replan would offer 确认导入 again.
  const writing = busy === 'commit' || busy === 'cancelling';
  const stale = busy === 'replan' || preview.asOf !== asOfText || preview.fullExport !== fullExport;
  const canCommit = busy === null && asOfValid && counts !== null && !stale;

  return (
    <section className="panel import-preview" aria-labelledby="preview-title" data-testid="import-preview">
      <div className="panel-title-row">
        <h2 id="preview-title">导入预览</h2>
        <span className="muted">
          {preview.fileName}（{preview.format.toUpperCase()}）· 预览不写入数据库，确认后才导入。
        </span>
      </div>

      <div className="preview-options">
        <div className={!asOfValid ? 'field field-inline field-invalid' : 'field field-inline'}>
          <label className="field-label" htmlFor="import-as-of">
            数据日期<span className="required-mark">*</span>
          </label>
          <DateInput
            id="import-as-of"
            value={asOfText}
            onChange={changeAsOf}
            disabled={writing}
            required
            aria-invalid={!asOfValid || undefined}
            data-testid="import-as-of"
          />
          <span className={!asOfValid ? 'field-error' : 'field-hint'}>
            {preview.fileAsOfRefused && asOfText === ''
              ? preview.fileAsOfRefused
              : preview.fileAsOf
              ? asOfText === preview.fileAsOf
                ? '取自文件'
                : `文件中的日期为 ${preview.fileAsOf}`
              : '文件中没有数据日期，请填写核心系统导出数据的日期'}
          </span>
        </div>
        <label className="check">
          <input type="checkbox" checked={fullExport} disabled={writing} onChange={(e) => changeFullExport(e.target.checked)} data-testid="import-full-export" />
          完整导出（文件中没有的贷款将标记为结清）
        </label>
        {busy === 'replan' ? (
          <span className="muted">
            <span className="spinner" aria-hidden="true" /> 正在重新计算…
          </span>
        ) : null}
      </div>

      {counts ? <CountsStrip counts={counts} /> : <div className="alert alert-info">请先填写数据日期，再查看导入将带来的变化。</div>}

      <TotalsLine totals={preview.totals} />

      {preview.asOfWarning && !stale ? (
        <div className="alert alert-warning" role="alert" data-testid="preview-as-of-warning">
          {preview.asOfWarning.message}
        </div>
      ) : null}

      {counts?.sameFileImported ? (
        <div className="alert alert-info" data-testid="preview-same-file">
          内容相同的文件已于 {formatLocalDateTime(counts.sameFileImported.at)} 由 {counts.sameFileImported.actorName} 导入过（数据日期 {counts.sameFileImported.asOf}），再次导入不会带来新数据。
        </div>
      ) : null}

      {counts?.newerRegisterAsOf ? (
        <div className="alert alert-info" data-testid="preview-older-file">
          台账中已有 {counts.newerRegisterAsOf} 的数据，此文件的数据日期较早：只补充历史快照，不改动贷款的当前余额和状态。
        </div>
      ) : null}

      {counts ? <ImportIssues rejected={counts.rejected} warnings={counts.warnings} testIdPrefix="preview" /> : null}

      <FormError message={error} />
      {notice ? (
        <div className="alert alert-info" role="status" data-testid="import-commit-cancelled">
          {notice}
        </div>
      ) : null}
      {writing ? <WritingProgress written={written} waitingForLock={waitingForLock} cancelling={busy === 'cancelling'} /> : null}

      <div className="form-actions preview-actions">
        <button type="button" className="btn btn-primary" onClick={() => void commit()} disabled={!canCommit} data-testid="import-commit">
          {writing ? '正在导入…' : '确认导入'}
        </button>
        {writing ? (
          <button type="button" className="btn" onClick={cancelCommit} disabled={busy === 'cancelling'} data-testid="import-commit-cancel">
            {busy === 'cancelling' ? '正在取消…' : '取消导入'}
          </button>
        ) : (
          <button type="button" className="btn" onClick={onCancel} data-testid="import-cancel">
            取消
          </button>
        )}
        {counts && counts.settled > 0 && fullExport ? (
          <span className="text-danger">注意：将有 {formatCount(counts.settled)} 笔在贷贷款因不在文件中而标记为结清。</span>
        ) : null}
      </div>
    </section>
  );
}

/** How far the commit's writing is (rows written of about how many); all of it is rolled back if cancelled. */
function WritingProgress({ written, waitingForLock, cancelling }: { written: ImportProgress | null; waitingForLock: boolean; cancelling: boolean }) {
  const pct = percentOf(written);
  const text = cancelling
    ? '正在取消，已写入的数据将全部撤回…'
    : waitingForLock
      ? WRITE_WAITING_TEXT
      : pct === null
        ? '正在写入数据库…'
        : `正在写入数据库：${pct}%`;
  return (
    <div className="progress-row" aria-live="polite" data-testid="import-commit-progress">
      <ProgressBar percent={pct} label="写入数据库" />
      <span className="muted">{text}</span>
    </div>
  );
}

/** Whether the file's totals row (合计) vouched for it being complete: a cut-off file looks like a smaller export. */
function TotalsLine({ totals }: { totals: Preview['totals'] }) {
  if (totals.kind === 'matched') {
    const figures = [totals.count !== null ? `${formatCount(totals.count)} 笔` : null, totals.balanceFen !== null ? `余额合计 ${formatYuan(totals.balanceFen)} 元` : null];
    return (
      <p className="muted" data-testid="preview-totals">
        已与文件的合计行（第 {totals.row} 行）核对：{figures.filter(Boolean).join('，')}，与读到的行一致。
      </p>
    );
  }
  return (
    <div className="alert alert-warning" data-testid="preview-totals">
      {totals.kind === 'none' ? '文件中没有合计行' : `文件的合计行（第 ${totals.row} 行）没有笔数和余额合计`}，无法核对文件是否完整（被截断的文件看起来像一个较小的导出）。请与核心系统的笔数和余额合计核对后再导入。
    </div>
  );
}

function CountsStrip({ counts }: { counts: NonNullable<Preview['counts']> }) {
  const items: Array<{ key: string; label: string; value: number; warn?: boolean; title?: string }> = [
    { key: 'rowsRead', label: '读取行数', value: counts.rowsRead },
    { key: 'accepted', label: '接受', value: counts.accepted, title: '可以导入的贷款行' },
    { key: 'inserted', label: '新增', value: counts.inserted, title: '数据库中还没有的贷款' },
    { key: 'updated', label: '变更', value: counts.updated, title: '余额、逾期等有变化的贷款' },
    { key: 'unchanged', label: '未变', value: counts.unchanged },
    { key: 'duplicates', label: '重复', value: counts.duplicates, title: '文件中完全相同的重复行，只导入一次' },
    { key: 'settled', label: '将结清', value: counts.settled, warn: counts.settled > 0, title: '数据库中在贷、但文件中已没有的贷款' },
    { key: 'newBorrowers', label: '新借款人', value: counts.newBorrowers },
    { key: 'changedBorrowers', label: '借款人变更', value: counts.changedBorrowers, title: '姓名、住址、电话等核心系统信息有变化的借款人' },
    { key: 'newVillages', label: '新村', value: counts.newVillages },
  ];
  return (
    <div className="summary-strip summary-strip-compact" data-testid="preview-counts">
      {items.map((i) => (
        <div key={i.key} className={i.warn ? 'summary-item summary-item-warn' : 'summary-item'} title={i.title}>
          <span className="summary-label">{i.label}</span>
          <span className="summary-value" data-testid={`preview-count-${i.key}`}>
            {formatCount(i.value)}
          </span>
        </div>
      ))}
    </div>
  );
}
