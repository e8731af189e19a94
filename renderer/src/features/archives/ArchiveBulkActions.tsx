import { useState } from 'react';
import type { ArchiveDocTypeView, ArchiveFileRow } from '../../../../electron/shared/api/archives';
import { call } from '../../api/client';
import { formatCount } from '../../format';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { deliverArchivePrint } from './archive-messages';
import { BatchDialog, FillDialog, ReturnDialog } from './ArchiveDialogs';

/** Who reviews (审查通过, 退回) and who hands over to head office; the backend checks it too. */
const REVIEWING_ROLES = ['reviewer', 'head', 'admin'];
const HANDING_OVER_ROLES = ['clerk', 'reviewer', 'head', 'admin'];

type Open = { kind: 'fill' | 'return' | 'batch'; fileIds: string[] } | null;

/**
 * What the ticked files can have done to them: 批量填写, 提交审查, 审查通过, 退回, 打印标签 and
 * 生成移交批次. The backend decides who may (four eyes: nobody reviews a file they edited) and
 * its refusal is shown as it comes. `picked` reads the grid's ticks when a button is pressed.
 */
export function ArchiveBulkActions(props: {
  picked(): ArchiveFileRow[];
  docTypes: readonly ArchiveDocTypeView[];
  onNotice(kind: 'error' | 'success' | 'info', text: string): void;
  onChanged(): void;
}) {
  const { user, handleSessionError } = useSession();
  const mayReview = REVIEWING_ROLES.includes(user.role);
  const mayHandOver = HANDING_OVER_ROLES.includes(user.role);
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState<string | null>(null);

  function ticked(): string[] | null {
    const ids = props.picked().map((r) => r.fileId);
    if (ids.length === 0) {
      props.onNotice('error', '请先勾选档案（行首的方框）。');
      return null;
    }
    return ids;
  }

  async function act(name: string, action: (fileIds: string[]) => Promise<string>, changes = true) {
    const fileIds = ticked();
    if (!fileIds) return;
    setBusy(name);
    try {
      props.onNotice('success', await action(fileIds));
      if (changes) props.onChanged();
    } catch (err) {
      if (!handleSessionError(err)) props.onNotice('error', errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const openDialog = (kind: NonNullable<Open>['kind']) => {
    const fileIds = ticked();
    if (fileIds) setOpen({ kind, fileIds });
  };
  const done = (text: string) => {
    props.onNotice('success', text);
    props.onChanged();
  };

  return (
    <div className="archive-bulk" role="group" aria-label="对勾选的档案">
      <button type="button" className="btn" onClick={() => openDialog('fill')} data-testid="archive-fill">
        批量填写
      </button>
      <button
        type="button"
        className="btn"
        disabled={busy !== null}
        onClick={() => void act('submit', async (fileIds) => `已提交审查 ${formatCount((await call('archives.submit', { fileIds })).submitted)} 份档案。`)}
        data-testid="archive-submit"
      >
        {busy === 'submit' ? '正在提交…' : '提交审查'}
      </button>
      {mayReview ? (
        <>
          <button
            type="button"
            className="btn"
            disabled={busy !== null}
            onClick={() => void act('approve', async (fileIds) => `审查通过 ${formatCount((await call('archives.review', { fileIds, decision: 'approve', note: '' })).reviewed)} 份档案。`)}
            data-testid="archive-approve"
          >
            {busy === 'approve' ? '正在处理…' : '审查通过'}
          </button>
          <button type="button" className="btn" onClick={() => openDialog('return')} data-testid="archive-return">
            退回
          </button>
        </>
      ) : null}
      <button
        type="button"
        className="btn"
        disabled={busy !== null}
        onClick={() => void act('labels', async (fileIds) => deliverArchivePrint(await call('archives.printLabels', { fileIds, deliver: 'preview' }), 'A4 纵向'), false)}
        data-testid="archive-labels"
      >
        {busy === 'labels' ? '正在生成…' : '打印标签'}
      </button>
      {mayHandOver ? (
        <button type="button" className="btn" onClick={() => openDialog('batch')} data-testid="archive-make-batch">
          生成移交批次
        </button>
      ) : null}
      {open?.kind === 'fill' ? <FillDialog fileIds={open.fileIds} docTypes={props.docTypes} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open?.kind === 'return' ? <ReturnDialog fileIds={open.fileIds} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open?.kind === 'batch' ? <BatchDialog fileIds={open.fileIds} onClose={() => setOpen(null)} onCreated={props.onChanged} /> : null}
    </div>
  );
}
