import './setup';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { gridTheme } from './theme';

/** Column defaults for every grid: sortable, filterable, resizable; menus in Chinese. */
export function sharedColDef<TData>(): ColDef<TData> {
  return { sortable: true, filter: true, resizable: true, minWidth: 70 };
}

export type DataGridProps<TData> = AgGridReactProps<TData> & {
  /** Forwarded as data-testid on the grid's wrapper. */
  testId?: string;
};

/**
 * The grid every page uses: AG Grid with the app theme, the zh-CN locale and shared column
 * defaults. Pages pass rowData, columnDefs and whatever else they need; their props win.
 */
export function DataGrid<TData>({ testId, className, defaultColDef: colDefaults, ...props }: DataGridProps<TData>) {
  const mergedColDef = useMemo(() => ({ ...sharedColDef<TData>(), ...colDefaults }), [colDefaults]);
  return (
    <div className={['data-grid', className].filter(Boolean).join(' ')} data-testid={testId}>
      <AgGridReact<TData>
        theme={gridTheme}
        localeText={AG_GRID_LOCALE_CN}
        defaultColDef={mergedColDef}
        enableCellTextSelection
        ensureDomOrder
        suppressDragLeaveHidesColumns
        {...props}
      />
    </div>
  );
}
