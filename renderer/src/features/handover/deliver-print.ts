import type { PrintOutcome } from '../../../../electron/shared/api/register';
import { downloadFile } from '../../files';

/** What to tell the user once a printed document is ready: shown in the print preview (desktop) or saved as a PDF file. */
export function deliverPrint(outcome: PrintOutcome): string {
  if (outcome.kind === 'preview') return `已在打印预览窗口中打开 ${outcome.fileName}，点击其中的打印按钮（A4 横向）。`;
  downloadFile(outcome.file);
  return `已生成 ${outcome.file.fileName}，请在 PDF 阅读器中打开并打印（A4 横向）。`;
}
