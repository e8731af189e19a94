import { useEffect, useRef, useState } from 'react';
import { placeholdersFor, TEMPLATE_BODY_MAX, CARD_BODY_MAX, TEMPLATE_RECEIPT_MAX, TEMPLATE_TITLE_MAX, type TemplateView } from '../../../../electron/shared/api/notice-templates';
import type { TemplateKind, TemplateWording } from '../../../../electron/shared/notices';
import { textLength } from '../../../../electron/shared/text-length';
import { call } from '../../api/client';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { FormError } from '../../ui/Field';
import { useFormSubmit } from '../../ui/useFormSubmit';

/** How long typing pauses before the preview is drawn again. */
const PREVIEW_DELAY_MS = 400;

type Part = 'title' | 'body' | 'receipt';
type Preview = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; html: string; problems: string[] };

/**
 * One kind's wording: paper, title, body and receipt, placeholders inserted where the cursor
 * was, and the paper drawn live with sample figures (a sandboxed iframe: no scripts, nothing
 * loaded). Admins save or go back to the built-in wording; others read.
 */
export function TemplateEditor({ view, isAdmin, letterheadVersion, onSaved }: { view: TemplateView; isAdmin: boolean; letterheadVersion: number; onSaved(saved: TemplateView): void }) {
  const { handleSessionError } = useSession();
  const [draft, setDraft] = useState<TemplateWording>(view.wording);
  const [preview, setPreview] = useState<Preview>({ status: 'loading' });
  const [done, setDone] = useState<string | null>(null);
  const { busy, errors, formError, run } = useFormSubmit();
  const titleRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const receiptRef = useRef<HTMLTextAreaElement>(null);
  // Where a clicked placeholder goes: the field last typed in.
  const [lastPart, setLastPart] = useState<Part>('body');

  const previewKey = JSON.stringify({ kind: view.kind, wording: draft });
  // Drawn again when the wording changes, and when the letterhead was saved (it heads the paper).
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      call('noticeTemplates.preview', JSON.parse(previewKey) as { kind: TemplateKind; wording: TemplateWording })
        .then((out) => {
          if (!cancelled) setPreview({ status: 'ready', ...out });
        })
        .catch((err: unknown) => {
          if (!cancelled && !handleSessionError(err)) setPreview({ status: 'error', message: errorMessage(err) });
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [previewKey, letterheadVersion, handleSessionError]);

  function change(part: keyof TemplateWording, value: string) {
    setDone(null);
    setDraft((d) => ({ ...d, [part]: value }));
  }

  function insert(name: string) {
    const part = view.hasReceipt || lastPart !== 'receipt' ? lastPart : 'body';
    const el = part === 'title' ? titleRef.current : part === 'body' ? bodyRef.current : receiptRef.current;
    const text = `{${name}}`;
    const current = draft[part];
    const start = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? current.length;
    change(part, current.slice(0, start) + text + current.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  function save() {
    void run(async () => {
      const saved = await call('noticeTemplates.save', { kind: view.kind, ...draft, expectedUpdatedAt: view.updatedAt });
      onSaved(saved);
      setDraft(saved.wording);
      setDone('已保存。此后打印的通知书使用新的内容；已打印的通知书保持原样。');
    });
  }

  function reset() {
    if (!window.confirm(`把“${view.label}”恢复为系统默认内容？您修改过的内容将不再使用。`)) return;
    void run(async () => {
      const saved = await call('noticeTemplates.reset', { kind: view.kind });
      onSaved(saved);
      setDraft(saved.wording);
      setDone('已恢复为系统默认内容。');
    });
  }

  const isCard = view.kind === 'contact-card';
  const bodyMax = isCard ? CARD_BODY_MAX : TEMPLATE_BODY_MAX;
  const problems = preview.status === 'ready' ? preview.problems : [];
  const count = (part: Part, max: number) => `${textLength(draft[part].trim())} / ${max} 字`;
  const focusProps = (part: Part) => ({ onFocus: () => setLastPart(part), readOnly: !isAdmin });

  return (
    <div className="nt-editor">
      <div className="nt-fields">
        <div className="field">
          <label className="field-label" htmlFor="nt-paper">
            纸张
          </label>
          <select id="nt-paper" value={draft.paper} disabled={!isAdmin || isCard} onChange={(e) => change('paper', e.target.value)} data-testid="nt-paper">
            <option value="A4">A4</option>
            <option value="A5">A5</option>
          </select>
          {isCard ? <span className="field-hint">联系卡用 A4 纸，每页 10 张。</span> : null}
        </div>
        <div className={errors.title ? 'field field-invalid' : 'field'}>
          <label className="field-label" htmlFor="nt-title">
            标题 <span className="muted">{count('title', TEMPLATE_TITLE_MAX)}</span>
          </label>
          <input id="nt-title" ref={titleRef} value={draft.title} onChange={(e) => change('title', e.target.value)} {...focusProps('title')} data-testid="nt-title" />
          {errors.title ? <span className="field-error">{errors.title}</span> : null}
        </div>
        <div className={errors.body ? 'field field-invalid' : 'field'}>
          <label className="field-label" htmlFor="nt-body">
            正文 <span className="muted">{count('body', bodyMax)}，每行一段</span>
          </label>
          <textarea id="nt-body" ref={bodyRef} rows={isCard ? 3 : 12} value={draft.body} onChange={(e) => change('body', e.target.value)} {...focusProps('body')} data-testid="nt-body" />
          {errors.body ? <span className="field-error">{errors.body}</span> : null}
        </div>
        {view.hasReceipt ? (
          <div className={errors.receipt ? 'field field-invalid' : 'field'}>
            <label className="field-label" htmlFor="nt-receipt">
              {view.kind === 'confirmation' ? '回执（借款人确认）' : '回执'} <span className="muted">{count('receipt', TEMPLATE_RECEIPT_MAX)}</span>
            </label>
            <textarea id="nt-receipt" ref={receiptRef} rows={4} value={draft.receipt} onChange={(e) => change('receipt', e.target.value)} {...focusProps('receipt')} data-testid="nt-receipt" />
            {errors.receipt ? <span className="field-error">{errors.receipt}</span> : null}
          </div>
        ) : null}
        {isAdmin ? (
          <div className="nt-placeholders" data-testid="nt-placeholders">
            <span className="muted">点击插入到光标处：</span>
            {placeholdersFor(view.kind).map((p) => (
              <button key={p} type="button" className="btn btn-small" onMouseDown={(e) => e.preventDefault()} onClick={() => insert(p)}>
                {`{${p}}`}
              </button>
            ))}
          </div>
        ) : null}
        <p className="muted nt-small">收件人称呼、抬头、编号、盖章处、日期{view.hasReceipt ? '，以及回执的编号、条形码和签收栏' : ''}由系统排版，不必写在正文中。金额如 {'{余额}'} 印为“12,345.67元”，{'{余额大写}'} 印为“壹万贰仟叁佰肆拾伍元陆角柒分”。</p>
        {problems.length > 0 ? (
          <div className="alert alert-error" role="alert" data-testid="nt-problems">
            {problems.map((p) => (
              <div key={p}>{p}</div>
            ))}
          </div>
        ) : null}
        <FormError message={formError} />
        {done ? (
          <div className="alert alert-success" role="status" data-testid="nt-done">
            {done}
          </div>
        ) : null}
        {isAdmin ? (
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={busy || problems.length > 0} onClick={save} data-testid="nt-save">
              {busy ? '正在保存…' : '保存'}
            </button>
            <button type="button" className="btn" disabled={busy || !view.customised} onClick={reset} data-testid="nt-reset">
              恢复默认
            </button>
            <span className="muted">{view.customised ? '当前使用管理员修改的内容' : '当前使用系统默认内容'}</span>
          </div>
        ) : (
          <p className="muted">只有管理员可以修改模板。</p>
        )}
      </div>
      <div className="nt-preview" aria-label="打印预览（示例数据）">
        <div className="nt-preview-title">
          打印预览（示例数据）{preview.status === 'loading' ? <span className="muted">正在生成…</span> : null}
        </div>
        {preview.status === 'error' ? (
          <div className="alert alert-error" role="alert">
            {preview.message}
          </div>
        ) : (
          <div className="nt-preview-frame">
            <iframe title="通知书预览" sandbox="" srcDoc={preview.status === 'ready' ? preview.html : ''} data-testid="nt-preview" />
          </div>
        )}
      </div>
    </div>
  );
}
