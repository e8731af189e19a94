import type { PrintOutcome } from '../../../../electron/shared/api/register';
import { ARCHIVE_STATUS_LABELS, type ArchiveStatus } from '../../../../electron/shared/archive';
import { RpcCallError } from '../../api/client';
import { downloadFile } from '../../files';

/** A change refused because someone else changed the file since it was read. */
export function isStale(err: unknown): boolean {
  return err instanceof RpcCallError && (err.code.startsWith('STALE') || err.code === 'CONFLICT');
}

/** Why a file's checklist cannot be changed in its status. */
export function readOnlyReason(status: ArchiveStatus): string {
  const label = ARCHIVE_STATUS_LABELS[status];
  if (status === 'handed_over') return '本档案已移交总行，等待签收，清单不能修改。';
  if (status === 'awaiting_review' || status === 'reviewed' || status === 'received') return `本档案状态为“${label}”，清单不能修改；如需修改，请在档案清单中重新打开（须写明原因）。`;
  return `本档案状态为“${label}”，清单不能修改。`;
}

/** What to tell the user once a printed document (labels, transmittal list) is ready. */
export function deliverArchivePrint(outcome: PrintOutcome, paper: string): string {
  if (outcome.kind === 'preview') return `已在打印预览窗口中打开 ${outcome.fileName}，点击其中的打印按钮（${paper}）。`;
  downloadFile(outcome.file);
  return `已生成 ${outcome.file.fileName}，请在 PDF 阅读器中打开并打印（${paper}）。`;
}
