import type { CellKeyDownEvent, FullWidthCellKeyDownEvent } from 'ag-grid-community';

/**
 * Ctrl+C (Cmd+C on a Mac) on a focused cell copies the text the cell shows. AG Grid Community
 * has no clipboard module (that is Enterprise), so without this the shortcut copies nothing.
 * Text the user selected with the mouse, and an open editor, keep the browser's own copy.
 */
export function copyFocusedCell<TData>(e: CellKeyDownEvent<TData> | FullWidthCellKeyDownEvent<TData>): void {
  const ev = e.event as KeyboardEvent | null | undefined;
  if (!ev || !(ev.ctrlKey || ev.metaKey) || ev.altKey || ev.shiftKey) return;
  if (ev.code !== 'KeyC' && ev.key.toLowerCase() !== 'c') return;
  if (!('column' in e) || !e.column) return;
  if (ev.target instanceof Element && ev.target.closest('input, textarea, select, [contenteditable="true"]')) return;
  if (window.getSelection()?.toString()) return;
  const value: unknown = e.api.getCellValue({ rowNode: e.node, colKey: e.column, useFormatter: true });
  ev.preventDefault();
  void writeClipboard(value == null ? '' : String(value));
}

/** The async clipboard where the page may use it (https, 127.0.0.1, the app's file://), else the old copy command. */
async function writeClipboard(text: string): Promise<void> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Refused (no permission, or the page lost focus): try the copy command below.
    }
  }
  const onCopy = (ev: ClipboardEvent) => {
    ev.clipboardData?.setData('text/plain', text);
    ev.preventDefault();
  };
  document.addEventListener('copy', onCopy);
  try {
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
}
