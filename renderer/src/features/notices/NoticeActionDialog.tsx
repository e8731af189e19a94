import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { NoticeView } from '../../../../electron/shared/api/notices';
import { NOTICE_KIND_LABELS } from '../../../../electron/shared/notices';
import { call } from '../../api/client';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import type { NoticeAction } from './notice-columns';
import '../handover/handover.css';
import { DialogSaveFooter } from '../../ui/DialogSaveFooter';

const TITLES: Record<NoticeAction, string> = { delivered: '标记已送达', undeliverable: '标记无法送达', cancel: '作废通知书' };
const DONE: Record<NoticeAction, string> = { delivered: '已标记为已送达', undeliverable: '已标记为无法送达', cancel: '已作废' };
const NOTE_LABELS: Record<NoticeAction, string> = { delivered: '说明（可不填）', undeliverable: '原因（如：外出务工，家中无人）', cancel: '作废原因' };

/**
 * One notice's 已送达 / 无法送达 (with a note) or 作废 (with the reason; it stays in the register
 * as 已作废). The notice's updatedAt goes along, so a change by someone else meanwhile is refused.
 */
export function NoticeActionDialog({ notice, action, onClose, onDone }: { notice: NoticeView; action: NoticeAction; onClose(): void; onDone(updated: NoticeView, text: string): void }) {
  const { handleSessionError } = useSession();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (action === 'cancel' && note.trim() === '') return setError('请填写作废原因');
    setBusy(true);
    setError(null);
    try {
      const updated =
        action === 'cancel'
          ? await call('notices.cancel', { noticeId: notice.id, reason: note, expectedUpdatedAt: notice.updatedAt })
          : await call('notices.setDelivery', { noticeId: notice.id, delivery: action, note, expectedUpdatedAt: notice.updatedAt });
      onDone(updated, `${notice.noticeNo}：${DONE[action]}。`);
      dialogRef.current?.close();
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialogRef} className="handover-dialog" aria-labelledby="notice-action-title" onClose={onClose} data-testid="notice-action-dialog">
      <form onSubmit={submit} noValidate>
        <h2 id="notice-action-title">
          {TITLES[action]}：<span className="mono">{notice.noticeNo}</span>
        </h2>
        <p className="muted">
          {NOTICE_KIND_LABELS[notice.kind]}，收件人 {notice.addressee}，借款人 {notice.borrowerName}（{notice.loanNo}）
        </p>
        <div className="handover-form">
          <label className="handover-wide-field">
            {NOTE_LABELS[action]}
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} autoFocus data-testid="notice-action-note" />
          </label>
        </div>
        <DialogSaveFooter error={error} errorTestId="notice-action-error" busy={busy} label="确定" saveTestId="notice-action-save" onCancel={() => dialogRef.current?.close()} />
      </form>
    </dialog>
  );
}
