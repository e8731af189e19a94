import type { PrintOutcome } from '../../../../electron/shared/api/register';
import { downloadFile } from '../../files';

/** Notices' PDF handed over: the desktop app's print preview, or saved as a file (the browser, 保存 PDF). Returns what to tell the user. */
export function deliverNotices(print: PrintOutcome): string {
  if (print.kind === 'preview') return `已在打印预览窗口中打开 ${print.fileName}，请点击其中的打印按钮（纸张按模板设置）。`;
  downloadFile(print.file);
  return `已保存 ${print.file.fileName}，可在 PDF 阅读器中打开打印。`;
}
