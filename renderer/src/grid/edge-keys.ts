import type { SuppressKeyboardEventParams } from 'ag-grid-community';

/**
 * Ctrl+Home / Ctrl+End (Cmd on a Mac) on a cell: to the first row's first cell or the last row's
 * last cell, as in a spreadsheet and as AG Grid's own Home and End. AG Grid leaves these two
 * keys to the browser, which only scrolls the page's scrolled box: the focus stayed on the first
 * row, and on a long database-paged book the rows on screen were wherever the scroll stopped.
 * Used as the columns' suppressKeyboardEvent: it runs as the key goes down, so the browser's own
 * scrolling can be stopped. Returns whether it took the key.
 */
export function gridEdgeKey<TData>({ event, editing, api }: SuppressKeyboardEventParams<TData>): boolean {
  if (editing || event.type !== 'keydown' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return false;
  if (event.key !== 'Home' && event.key !== 'End') return false;
  const rows = api.getDisplayedRowCount();
  const columns = api.getAllDisplayedColumns();
  if (rows === 0 || columns.length === 0) return false;
  const toEnd = event.key === 'End';
  const rowIndex = toEnd ? rows - 1 : 0;
  const column = toEnd ? columns[columns.length - 1] : columns[0];
  event.preventDefault();
  api.ensureIndexVisible(rowIndex, toEnd ? 'bottom' : 'top');
  api.ensureColumnVisible(column);
  api.setFocusedCell(rowIndex, column);
  return true;
}
