import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ArchiveDocTypeView } from '../../../../electron/shared/api/archives';
import type { ArchiveBatchOutcome } from '../../../../electron/shared/api/archive-handover';
import { ARCHIVE_DOC_STATE_LABELS, ARCHIVE_DOC_STATES, type ArchiveDocState } from '../../../../electron/shared/archive';
import { parseBusinessDate } from '../../../../electron/shared/dates';
import { call } from '../../api/client';
import { formatCount } from '../../format';
import { DateInput } from '../../ui/DateInput';
import { DialogSaveFooter } from '../../ui/DialogSaveFooter';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { BatchFileButtons } from './BatchFileButtons';
import '../handover/handover.css';

/** A modal <dialog> shown while mounted; Esc calls onClose, and so do the forms' 取消 and 关闭 (the owner unmounts it). */
function Modal({ title, testId, wide, onClose, children }: { title: string; testId: string; wide?: boolean; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className={wide ? 'handover-dialog handover-wide' : 'handover-dialog'} aria-label={title} onClose={onClose} data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </dialog>
  );
}

/** 批量填写: one state for every required document, or for the chosen types, of the ticked files; optionally submitted for review. */
export function FillDialog({ fileIds, docTypes, onClose, onDone }: { fileIds: string[]; docTypes: readonly ArchiveDocTypeView[]; onClose(): void; onDone(text: string): void }) {
  const { busy, formError, setFormError, run } = useFormSubmit();
  const [which, setWhich] = useState<'required' | 'chosen'>('required');
  const [chosen, setChosen] = useState<string[]>([]);
  const [state, setState] = useState<ArchiveDocState>('present');
  const [submit, setSubmit] = useState(false);

  return (
    <Modal title={`批量填写（${formatCount(fileIds.length)} 份档案）`} testId="archive-fill-dialog" onClose={onClose}>
        <form
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            if (which === 'chosen' && chosen.length === 0) return setFormError('请至少选择一种资料');
            void run(async () => {
              const r = await call('archives.fillDocuments', { fileIds, docTypeIds: which === 'required' ? 'required' : chosen, state, submit });
              onDone(`已填写 ${formatCount(r.files)} 份档案的 ${formatCount(r.cells)} 项资料${submit ? `，提交审查 ${formatCount(r.submitted)} 份` : ''}。`);
              onClose();
            });
          }}
        >
          <fieldset className="archive-fill-which">
            <legend>资料</legend>
            <label className="check">
              <input type="radio" checked={which === 'required'} onChange={() => setWhich('required')} data-testid="archive-fill-required" />
              全部必需资料（按各档案的产品和担保方式）
            </label>
            <label className="check">
              <input type="radio" checked={which === 'chosen'} onChange={() => setWhich('chosen')} data-testid="archive-fill-chosen" />
              选定的资料：
            </label>
            <div className="archive-fill-types">
              {docTypes.map((t) => (
                <label key={t.id} className="check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(t.id)}
                    onChange={(e) => {
                      setWhich('chosen');
                      setChosen((c) => (e.target.checked ? [...c, t.id] : c.filter((x) => x !== t.id)));
                    }}
                  />
                  {t.name}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="handover-form">
            <label>
              填写为
              <select value={state} onChange={(e) => setState(e.target.value as ArchiveDocState)} data-testid="archive-fill-state">
                {ARCHIVE_DOC_STATES.map((s) => (
                  <option key={s} value={s}>
                    {ARCHIVE_DOC_STATE_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <label className="check archive-fill-submit">
              <input type="checkbox" checked={submit} onChange={(e) => setSubmit(e.target.checked)} data-testid="archive-fill-submit" />
              填写后提交审查
            </label>
          </div>
          <DialogSaveFooter error={formError} errorTestId="archive-fill-error" busy={busy} label="填写" saveTestId="archive-fill-save" onCancel={onClose} />
        </form>
    </Modal>
  );
}

/** 退回: the reviewer sends the ticked files back to the branch with the reasons. */
export function ReturnDialog({ fileIds, onClose, onDone }: { fileIds: string[]; onClose(): void; onDone(text: string): void }) {
  const { busy, formError, setFormError, run } = useFormSubmit();
  const [note, setNote] = useState('');
  return (
    <Modal title={`退回（${formatCount(fileIds.length)} 份档案）`} testId="archive-return-dialog" onClose={onClose}>
        <form
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            if (note.trim() === '') return setFormError('退回时请写明原因');
            void run(async () => {
              const r = await call('archives.review', { fileIds, decision: 'return', note });
              onDone(`已退回 ${formatCount(r.reviewed)} 份档案。`);
              onClose();
            });
          }}
        >
          <div className="handover-form">
            <label className="handover-wide-field">
              退回原因
              <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} autoFocus placeholder="如：缺借款人配偶身份证复印件" data-testid="archive-return-note" />
            </label>
          </div>
          <DialogSaveFooter error={formError} errorTestId="archive-return-error" busy={busy} label="退回" saveTestId="archive-return-save" onCancel={onClose} />
        </form>
    </Modal>
  );
}

/** 生成移交批次: the ticked (reviewed) files in one numbered batch; then its transmittal list and manifest. */
export function BatchDialog({ fileIds, onClose, onCreated }: { fileIds: string[]; onClose(): void; onCreated(): void }) {
  const { busy, formError, setFormError, run } = useFormSubmit();
  const [handedOn, setHandedOn] = useState('');
  const [done, setDone] = useState<ArchiveBatchOutcome | null>(null);

  return (
    <Modal title="生成移交批次" testId="archive-batch-dialog" onClose={onClose}>
      {done ? (
          <>
            <p role="status" data-testid="archive-batch-done">
              已生成移交批次 <strong data-testid="archive-batch-no">{done.batchNo}</strong>：{formatCount(done.files)} 份档案，{formatCount(done.documents)} 项资料，共{' '}
              {formatCount(done.pages)} 页。
            </p>
            <p className="muted mono archive-sha">SHA-256 {done.sha256}</p>
            <BatchFileButtons batchId={done.batchId} />
            <div className="handover-actions">
              <button type="button" className="btn" onClick={onClose} data-testid="archive-batch-close">
                关闭
              </button>
            </div>
          </>
        ) : (
          <form
            noValidate
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              const on = handedOn.trim() === '' ? undefined : parseBusinessDate(handedOn);
              if (on === null) return setFormError('移交日期无效，应为 YYYY-MM-DD');
              void run(async () => {
                setDone(await call('archiveBatches.create', { fileIds, ...(on ? { handedOn: on } : {}) }));
                onCreated();
              });
            }}
          >
            <p>所选 {formatCount(fileIds.length)} 份已审查的档案移交总行档案室，编入一个新批次；移交后状态为“已移交”，等待总行签收。</p>
            <div className="handover-form">
              <label>
                移交日期
                <DateInput value={handedOn} onChange={setHandedOn} placeholder="不填为今天" data-testid="archive-batch-date" />
              </label>
            </div>
            <DialogSaveFooter error={formError} errorTestId="archive-batch-error" busy={busy} label="生成批次" saveTestId="archive-batch-save" onCancel={onClose} />
          </form>
        )}
    </Modal>
  );
}

export { Modal };
