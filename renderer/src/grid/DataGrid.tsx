import './setup';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { CellKeyDownEvent, ColDef, FullWidthCellKeyDownEvent } from 'ag-grid-community';
import { useCallback, useMemo } from 'react';
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { copyFocusedCell } from './copy-cell';
import { gridEdgeKey } from './edge-keys';
import { gridTheme } from './theme';

/** Column defaults for every grid: sortable, filterable, resizable; menus in Chinese; Ctrl+Home and Ctrl+End to the first and last row. */
export function sharedColDef<TData>(): ColDef<TData> {
  return { sortable: true, filter: true, resizable: true, minWidth: 70, suppressKeyboardEvent: gridEdgeKey };
}

export type DataGridProps<TData> = AgGridReactProps<TData> & {
  /** Forwarded as data-testid on the grid's wrapper. */
  testId?: string;
};

/**
 * The grid every page uses: AG Grid with the app theme, the zh-CN locale and shared column
 * defaults. Pages pass rowData, columnDefs and whatever else they need; their props win.
 */
export function DataGrid<TData>({ testId, className, defaultColDef: colDefaults, onCellKeyDown, ...props }: DataGridProps<TData>) {
  const mergedColDef = useMemo(() => ({ ...sharedColDef<TData>(), ...colDefaults }), [colDefaults]);
  // Ctrl+C copies the focused cell in every grid; a page's own key handling runs after it.
  const cellKeyDown = useCallback(
    (e: CellKeyDownEvent<TData> | FullWidthCellKeyDownEvent<TData>) => {
      copyFocusedCell(e);
      onCellKeyDown?.(e);
    },
    [onCellKeyDown],
  );
  return (
    <div className={['data-grid', className].filter(Boolean).join(' ')} data-testid={testId}>
      <AgGridReact<TData>
        theme={gridTheme}
        localeText={AG_GRID_LOCALE_CN}
        defaultColDef={mergedColDef}
        enableCellTextSelection
        ensureDomOrder
        suppressDragLeaveHidesColumns
        onCellKeyDown={cellKeyDown}
        {...props}
      />
    </div>
  );
}
