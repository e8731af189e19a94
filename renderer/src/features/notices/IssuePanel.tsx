import { useEffect, useRef, useState } from 'react';
import { WRITE_WAITING_EVENT } from '../../../../electron/shared/api/calls';
import type { NoticeBatchPlan, NoticeIssueOutcome, NoticeProgress, NoticeScope } from '../../../../electron/shared/api/notices';
import { NOTICE_KIND_LABELS, NOTICE_KINDS, type NoticeKind } from '../../../../electron/shared/notices';
import { call, RpcCallError } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { deliverNotices } from './deliver-notices';
import { IssueDone, IssueProgress } from './IssueOutcome';
import { scopeLabel } from './issue-labels';
import type { NoticeRequest } from './notice-request';
import { PlanPreview } from './PlanPreview';
import { ScopeFields } from './ScopeFields';

/** Errors the backend answers before taking any number: nothing to void. */
const REFUSED_BEFORE_NUMBERING = ['VALIDATION', 'BAD_INPUT', 'NOTHING_TO_ISSUE', 'FORBIDDEN'];

type Run =
  | { kind: 'idle' }
  | { kind: 'planning' }
  | { kind: 'planned'; plan: NoticeBatchPlan }
  | { kind: 'issuing'; plan: NoticeBatchPlan; progress: NoticeProgress | null; waitingForLock: boolean; cancelling: boolean }
  | { kind: 'done'; outcome: NoticeIssueOutcome; printed: string };

/**
 * 发放通知书: a kind, a scope (village, manager, branch, or loans ticked elsewhere) and, for
 * overdue notices, the guarantors' notices too → 预览 (count, loans left out, sample pages) →
 * 打印 or 保存 PDF with a progress bar and 取消. Numbers are taken when printing starts; a batch
 * cancelled or failed keeps them as 已作废 (the backend does it), never reused.
 */
export function IssuePanel({ request }: { request: NoticeRequest | null }) {
  const { handleSessionError } = useSession();
  const options = useRpcQuery('worklists.options', {});
  const optionData = options.state.status === 'ready' ? options.state.data : null;
  const loans = request?.scope.by === 'loans' ? { loanIds: request.scope.loanIds, label: request.label } : null;
  const [kind, setKind] = useState<NoticeKind>(request?.kind ?? 'overdue');
  const [scope, setScope] = useState<NoticeScope | null>(request?.scope ?? null);
  const [withGuarantors, setWithGuarantors] = useState(false);
  const [run, setRun] = useState<Run>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  /** A changed choice makes the preview stale: 预览 again before printing. */
  function choose<T>(set: (value: T) => void): (value: T) => void {
    return (value) => {
      set(value);
      setRun((r) => (r.kind === 'planned' ? { kind: 'idle' } : r));
    };
  }

  // Leaving the page stops a batch under way (the backend voids its numbers).
  useEffect(() => () => controller.current?.abort(), []);

  const batch = () => (scope ? { kind, scope, withGuarantors: kind === 'overdue' && withGuarantors } : null);

  async function preview() {
    const args = batch();
    if (!args) return setError('请选择范围（村、客户经理或全行）。');
    setError(null);
    setRun({ kind: 'planning' });
    try {
      const plan = await call('notices.plan', args);
      setRun({ kind: 'planned', plan });
    } catch (err) {
      setRun({ kind: 'idle' });
      if (!handleSessionError(err)) setError(errorMessage(err));
    }
  }

  async function issue(deliver: 'preview' | 'file') {
    const args = batch();
    if (!args || run.kind !== 'planned') return;
    const plan = run.plan;
    const c = new AbortController();
    controller.current = c;
    setError(null);
    setRun({ kind: 'issuing', plan, progress: null, waitingForLock: false, cancelling: false });
    try {
      const outcome = await call('notices.issue', { ...args, deliver }, {
        signal: c.signal,
        onEvent: (event, payload) => {
          if (event === WRITE_WAITING_EVENT) setRun((r) => (r.kind === 'issuing' ? { ...r, waitingForLock: true } : r));
          if (event === 'notices.progress') setRun((r) => (r.kind === 'issuing' ? { ...r, progress: payload as NoticeProgress, waitingForLock: false } : r));
        },
      });
      setRun({ kind: 'done', outcome, printed: deliverNotices(outcome.print) });
    } catch (err) {
      setRun({ kind: 'planned', plan });
      if (handleSessionError(err)) return;
      const code = err instanceof RpcCallError ? err.code : '';
      if (REFUSED_BEFORE_NUMBERING.includes(code)) return setError(errorMessage(err));
      setError(`${code === 'CANCELLED' ? '已取消打印' : `打印失败：${errorMessage(err)}`}。本批已编的号全部作废（在通知书登记簿中显示为已作废），不再使用；可重新预览后再打印。`);
    } finally {
      if (controller.current === c) controller.current = null;
    }
  }

  function cancel() {
    setRun((r) => (r.kind === 'issuing' ? { ...r, cancelling: true } : r));
    controller.current?.abort();
  }

  const issuing = run.kind === 'issuing';
  const planned = run.kind === 'planned' ? run.plan : null;

  return (
    <div className="notice-issue" data-testid="notice-issue">
      <div className="panel notice-issue-form">
        <label className="field-inline">
          通知书
          <select value={kind} onChange={(e) => choose(setKind)(e.target.value as NoticeKind)} disabled={issuing} data-testid="notice-kind">
            {NOTICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {NOTICE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <ScopeFields scope={scope} onChange={choose(setScope)} options={optionData} loans={loans} />
        {kind === 'overdue' ? (
          <label className="check">
            <input type="checkbox" checked={withGuarantors} onChange={(e) => choose(setWithGuarantors)(e.target.checked)} disabled={issuing} data-testid="notice-with-guarantors" />
            同时发担保人通知书
          </label>
        ) : null}
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => void preview()} disabled={issuing || run.kind === 'planning'} data-testid="notice-preview">
            {run.kind === 'planning' ? '正在预览…' : '预览'}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void issue('preview')} disabled={!planned || planned.notices.length === 0} data-testid="notice-print">
            打印
          </button>
          <button type="button" className="btn" onClick={() => void issue('file')} disabled={!planned || planned.notices.length === 0} data-testid="notice-save-pdf">
            保存 PDF
          </button>
        </div>
        {scope ? (
          <p className="muted notice-scope-summary">
            {NOTICE_KIND_LABELS[kind]} · {scopeLabel(scope, optionData, request?.label ?? '')}
            {kind === 'overdue' ? '：每笔逾期贷款一份' : kind === 'reminder' ? '：7 天内到期的贷款各一份' : ''}
          </p>
        ) : null}
      </div>

      {error ? (
        <div className="alert alert-error" role="alert" data-testid="notice-error">
          {error}
        </div>
      ) : null}
      {run.kind === 'issuing' ? <IssueProgress progress={run.progress} waitingForLock={run.waitingForLock} cancelling={run.cancelling} onCancel={cancel} /> : null}
      {run.kind === 'done' ? <IssueDone outcome={run.outcome} printed={run.printed} /> : null}
      {run.kind === 'planned' || run.kind === 'issuing' ? <PlanPreview plan={run.plan} /> : null}
    </div>
  );
}
