/** Rows fetched per request by a grid the database pages, sorts and sums. */
export const PAGE_ROWS = 100;

/**
 * AG Grid's infinite row model as every database-paged grid uses it (the register, the
 * worklists, the contact lists): 100-row blocks, up to 50 kept, two requests at a time, a short
 * debounce while scrolling fast.
 */
export const PAGED_GRID = {
  rowModelType: 'infinite',
  cacheBlockSize: PAGE_ROWS,
  maxBlocksInCache: 50,
  maxConcurrentDatasourceRequests: 2,
  blockLoadDebounceMillis: 60,
  infiniteInitialRowCount: PAGE_ROWS,
} as const;
