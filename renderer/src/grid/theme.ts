import { themeQuartz } from 'ag-grid-community';

/**
 * The grid theme (AG Grid Theming API). The font is the app's own CSS variable
 * (--app-font-family in styles/app.css), so the grid and the rest of the app use one font stack.
 * Dense rows for a back-office screen full of numbers.
 */
export const gridTheme = themeQuartz.withParams({
  fontFamily: 'var(--app-font-family)',
  headerFontFamily: 'var(--app-font-family)',
  cellFontFamily: 'var(--app-font-family)',
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  spacing: 6,
  rowHeight: 30,
  headerHeight: 34,
  accentColor: '#1d5fa8',
  foregroundColor: '#1f2933',
  borderColor: '#d5dbe3',
  headerBackgroundColor: '#eef2f6',
  oddRowBackgroundColor: '#fafbfc',
  rowHoverColor: '#eef4fb',
  selectedRowBackgroundColor: '#dbe8f7',
  pinnedRowBackgroundColor: '#f3f6f9',
  pinnedRowFontWeight: 600,
  wrapperBorderRadius: 4,
  borderRadius: 3,
  columnBorder: true,
  // Short autoHeight grids (the staff list) should not keep a tall empty body.
  autoHeightMinBodyHeight: 60,
  browserColorScheme: 'light',
});
