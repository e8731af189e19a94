import { useCallback, useRef, useState, type ChangeEvent } from 'react';
import type { ImportCounts, ImportPreview } from '../../../../electron/shared/api/imports';
import type { ImportField } from '../../../../electron/shared/import-fields';
import type { ImportProgress } from '../../../../electron/shared/api/calls';
import { call, holdCallEvents } from '../../api/client';
import { fileToBase64 } from '../../files';
import { formatCount } from '../../format';
import { routeHref } from '../../router/hash-router';
import { useSession } from '../../session/session';
import { REGISTER_PATHS } from '../register/paths';
import { errorMessage } from '../../ui/errors';
import { percentOf, ProgressBar } from '../../ui/ProgressBar';
import { ColumnMappingView } from './ColumnMappingView';
import { ImportHistory } from './ImportHistory';
import { ImportPreviewView } from './ImportPreviewView';
import { ImportResultView } from './ImportResultView';

export interface PickedFile {
  name: string;
  base64: string;
}

type PreviewOf<K extends ImportPreview['kind']> = Extract<ImportPreview, { kind: K }>;

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'parsing'; fileName: string }
  | { kind: 'mapping'; file: PickedFile; preview: PreviewOf<'needs-mapping'> }
  | { kind: 'preview'; file: PickedFile; preview: PreviewOf<'preview'> }
  | { kind: 'done'; fileName: string; asOf: string; fullExport: boolean; result: ImportCounts & { importId: string } };

const ACCEPTED = /\.(xlsx|xls|csv)$/i;

/** The file being read or previewed, which 取消 stops, and the screen it returns to. */
interface RunningPreview {
  controller: AbortController;
  fileName: string;
  back: Phase;
}

/**
 * 导入核心系统文件: pick an export → preview (what would change) → 确认导入. Files whose header
 * is not recognised go through the column-mapping screen first. The history of imports is below.
 */
export function ImportPage() {
  const { handleSessionError } = useSession();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const running = useRef<RunningPreview | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  const fail = useCallback(
    (err: unknown, back: Phase) => {
      if (handleSessionError(err)) return;
      setError(errorMessage(err));
      setPhase(back);
    },
    [handleSessionError],
  );

  function startRunning(fileName: string, back: Phase): AbortSignal {
    const controller = new AbortController();
    running.current = { controller, fileName, back };
    return controller.signal;
  }

  /** 取消: the backend stops reading (the call ends with CANCELLED); the page goes back at once. */
  function cancelRunning() {
    const r = running.current;
    if (!r) return;
    running.current = null;
    r.controller.abort();
    setPhase(r.back);
    setError(null);
    setNotice(`已取消读取 ${r.fileName}。`);
  }

  async function runPreview(
    file: PickedFile,
    layout?: { headerIndex: number; mapping: Partial<Record<ImportField, number>> },
    back: Phase = { kind: 'idle' },
    signal: AbortSignal = startRunning(file.name, back),
  ) {
    setPhase({ kind: 'parsing', fileName: file.name });
    setProgress(null);
    setError(null);
    setNotice(null);
    try {
      const preview = await call(
        'imports.preview',
        { fileName: file.name, contentBase64: file.base64, fullExport: true, ...(layout ? { layout } : {}) },
        {
          signal,
          onEvent: (event, payload) => {
            if (event === 'imports.progress' && !signal.aborted) setProgress(payload as ImportProgress);
          },
        },
      );
      if (signal.aborted) return;
      setPhase(preview.kind === 'needs-mapping' ? { kind: 'mapping', file, preview } : { kind: 'preview', file, preview });
    } catch (err) {
      if (!signal.aborted) fail(err, back);
    } finally {
      if (running.current?.controller.signal === signal) running.current = null;
    }
  }

  async function onPick(e: ChangeEvent<HTMLInputElement>) {
    const picked = e.target.files?.[0];
    // Reset, so choosing the same file again (a re-import) fires change again.
    e.target.value = '';
    if (!picked) return;
    setError(null);
    setNotice(null);
    if (!ACCEPTED.test(picked.name)) {
      setError(`不支持的文件类型：${picked.name}。请选择核心系统导出的 .xlsx、.xls 或 .csv 文件。`);
      return;
    }
    if (picked.size === 0) {
      setError(`文件 ${picked.name} 是空的。`);
      return;
    }
    const signal = startRunning(picked.name, { kind: 'idle' });
    setPhase({ kind: 'reading', fileName: picked.name });
    // Opens the event stream now, while the file is read, so no early progress event is missed.
    const events = holdCallEvents();
    try {
      let base64: string;
      try {
        base64 = await fileToBase64(picked);
      } catch {
        if (signal.aborted) return;
        running.current = null;
        setError(`无法读取文件 ${picked.name}，请确认文件没有被其他程序占用。`);
        setPhase({ kind: 'idle' });
        return;
      }
      if (signal.aborted) return;
      await runPreview({ name: picked.name, base64 }, undefined, { kind: 'idle' }, signal);
    } finally {
      void events.then((release) => release());
    }
  }

  const busy = phase.kind === 'reading' || phase.kind === 'parsing';

  return (
    <div className="page">
      <div className="page-header">
        <a className="back-link" href={routeHref(REGISTER_PATHS.overview)}>
          ‹ 村级概览
        </a>
        <h1>导入核心系统文件</h1>
        <span className="muted">核心系统导出的贷款清单（.xlsx、.xls、.csv）；导入前先预览，确认后才写入。</span>
      </div>

      <section className="panel import-picker" aria-label="选择文件">
        <input
          ref={inputRef}
          id="import-file"
          className="visually-hidden"
          type="file"
          accept=".xlsx,.xls,.csv"
          data-testid="import-file-input"
          onChange={(e) => void onPick(e)}
          disabled={busy}
        />
        <label htmlFor="import-file" className={busy ? 'btn btn-primary is-disabled' : 'btn btn-primary'} aria-disabled={busy}>
          {phase.kind === 'idle' || busy ? '选择文件…' : '选择其他文件…'}
        </label>
        <span className="muted">
          {phase.kind === 'idle'
            ? '支持核心系统导出的 Excel（.xlsx / .xls）和 CSV（GBK 或 UTF-8）文件。'
            : 'fileName' in phase
              ? phase.fileName
              : phase.file.name}
        </span>
      </section>

      {error ? (
        <div className="alert alert-error" role="alert" data-testid="import-error">
          {error}
        </div>
      ) : null}

      {notice ? (
        <div className="alert alert-info" role="status" data-testid="import-notice">
          {notice}
        </div>
      ) : null}

      {phase.kind === 'reading' || phase.kind === 'parsing' ? (
        <ParsingProgress phase={phase.kind} fileName={phase.fileName} progress={progress} onCancel={cancelRunning} />
      ) : null}

      {phase.kind === 'mapping' ? (
        <ColumnMappingView
          key={phase.preview.previewId}
          fileName={phase.file.name}
          sampleRows={phase.preview.sampleRows}
          suggestedHeaderIndex={phase.preview.suggestedHeaderIndex}
          suggestedMapping={phase.preview.suggestedMapping}
          onApply={(layout) => void runPreview(phase.file, layout, phase)}
          onCancel={() => setPhase({ kind: 'idle' })}
        />
      ) : null}

      {phase.kind === 'preview' ? (
        <ImportPreviewView
          key={phase.preview.previewId}
          preview={phase.preview}
          onCommitted={(result, asOf, fullExport) => {
            setPhase({ kind: 'done', fileName: phase.file.name, asOf, fullExport, result });
            setHistoryVersion((v) => v + 1);
          }}
          onCancel={() => {
            setPhase({ kind: 'idle' });
            setError(null);
          }}
          onExpired={(message) => {
            setPhase({ kind: 'idle' });
            setError(message);
          }}
        />
      ) : null}

      {phase.kind === 'done' ? (
        <ImportResultView
          fileName={phase.fileName}
          asOf={phase.asOf}
          fullExport={phase.fullExport}
          result={phase.result}
          onAnother={() => {
            setPhase({ kind: 'idle' });
            inputRef.current?.click();
          }}
        />
      ) : null}

      <ImportHistory version={historyVersion} />
    </div>
  );
}

function ParsingProgress({
  phase,
  fileName,
  progress,
  onCancel,
}: {
  phase: 'reading' | 'parsing';
  fileName: string;
  progress: ImportProgress | null;
  onCancel(): void;
}) {
  const pct = percentOf(progress);
  return (
    <section className="panel" aria-live="polite" data-testid="import-progress">
      <div className="progress-label">
        {phase === 'reading'
          ? `正在读取 ${fileName}…`
          : pct === null
            ? `正在分析 ${fileName}…`
            : pct >= 100
              ? `已读取 ${formatCount(progress!.total)} 行，正在与数据库中的贷款比对…`
              : `正在分析 ${fileName}：已读 ${formatCount(progress!.done)} / ${formatCount(progress!.total)} 行`}
      </div>
      <div className="progress-row">
        <ProgressBar percent={pct} label="导入进度" />
        <button type="button" className="btn btn-small" onClick={onCancel} data-testid="import-cancel">
          取消
        </button>
      </div>
    </section>
  );
}
