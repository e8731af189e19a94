import type { NoticeIssueOutcome, NoticeProgress } from '../../../../electron/shared/api/notices';
import { formatCount } from '../../format';
import { ProgressBar } from '../../ui/ProgressBar';
import { WRITE_WAITING_TEXT } from '../../ui/write-waiting';
import { progressPercent, STAGE_LABELS } from './issue-labels';

/** 打印/保存 PDF under way: the stage, a bar from 'notices.progress', and 取消; `waitingForLock`: its write waits for another program's. */
export function IssueProgress({ progress, waitingForLock, cancelling, onCancel }: { progress: NoticeProgress | null; waitingForLock: boolean; cancelling: boolean; onCancel(): void }) {
  const percent = progressPercent(progress);
  return (
    <div className="panel notice-progress" data-testid="notice-progress" aria-live="polite">
      <div className="progress-label">
        {cancelling
          ? '正在取消…'
          : waitingForLock
            ? WRITE_WAITING_TEXT
            : progress
              ? `${STAGE_LABELS[progress.stage]}：${formatCount(progress.done)} / ${formatCount(progress.total)}`
              : '正在准备…'}
      </div>
      <div className="progress-row">
        <ProgressBar percent={percent} label="生成进度" />
        <button type="button" className="btn" onClick={onCancel} disabled={cancelling} data-testid="notice-cancel">
          取消
        </button>
      </div>
    </div>
  );
}

/** A batch issued: its numbers (first–last), how many, where the PDF is kept and its SHA-256. */
export function IssueDone({ outcome, printed }: { outcome: NoticeIssueOutcome; printed: string }) {
  return (
    <div className="alert alert-success notice-done" role="status" data-testid="notice-done">
      <p>
        已发出 <strong data-testid="notice-done-count">{formatCount(outcome.issued)}</strong> 份通知书
        {outcome.numbers ? (
          <>
            ，编号 <span className="mono" data-testid="notice-done-first">{outcome.numbers[0]}</span> 至{' '}
            <span className="mono" data-testid="notice-done-last">{outcome.numbers[1]}</span>
          </>
        ) : null}
        。{printed}
      </p>
      <dl className="kv kv-compact">
        <dt>PDF 存档</dt>
        <dd className="mono">{outcome.pdfPath}</dd>
        <dt>SHA-256</dt>
        <dd className="mono" data-testid="notice-done-sha256">
          {outcome.sha256}
        </dd>
      </dl>
    </div>
  );
}
