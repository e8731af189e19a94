import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { RegisterLoanRow, RegisterPageResult, RegisterQuery } from '../../../../electron/shared/api/register';
import { call } from '../../api/client';
import { PAGE_ROWS } from '../../grid/paged-grid';

export interface RegisterDatasourceHandlers {
  /** Each answer, for the view's count and sums. */
  onPage(result: RegisterPageResult): void;
  onError(err: unknown): void;
}

export type RegisterDatasource = IDatasource & {
  /** What the grid shows now (its last request, less the paging): what 导出 Excel exports. */
  view(): RegisterQuery;
  /** Asks for the first rows of the view as it opens (no sort, no filter), for the grid's first request to take. */
  prefetch(): void;
};

/**
 * The register grid's rows: AG Grid's infinite row model paging register.loans. The page asks for
 * its first block as it opens (`prefetch`, in a layout effect): the database reads it while the
 * grid is built, and ahead of the page's other calls (the overview, the managers), which would
 * otherwise hold the one database connection when the grid's own request arrives.
 */
export function registerDatasource(scope: { villageId: string | null; includeSettled: boolean }, handlers: RegisterDatasourceHandlers): RegisterDatasource {
  const base = { ...(scope.villageId ? { villageId: scope.villageId } : {}), includeSettled: scope.includeSettled };
  let prefetched: Promise<RegisterPageResult> | null = null;
  let prefetchUsed = false;
  let shown: RegisterQuery = { ...base, sort: [], filter: {} };

  return {
    view: () => shown,
    prefetch() {
      if (prefetched || prefetchUsed) return;
      prefetched = call('register.loans', { ...base, sort: [], filter: {}, offset: 0, limit: PAGE_ROWS });
      // Handled where the grid takes it; an answer no request takes is dropped.
      prefetched.catch(() => undefined);
    },
    getRows(params: IGetRowsParams<RegisterLoanRow>) {
      const view: RegisterQuery = {
        ...base,
        sort: params.sortModel as RegisterQuery['sort'],
        filter: (params.filterModel ?? {}) as RegisterQuery['filter'],
      };
      shown = view;
      const limit = params.endRow - params.startRow;
      const opening = params.startRow === 0 && limit === PAGE_ROWS && view.sort.length === 0 && Object.keys(view.filter).length === 0;
      const answer = opening && prefetched ? prefetched : call('register.loans', { ...view, offset: params.startRow, limit });
      if (opening) prefetchUsed = true;
      prefetched = null;
      answer
        .then((result) => {
          params.successCallback(result.rows, result.total);
          handlers.onPage(result);
        })
        .catch((err: unknown) => {
          params.failCallback();
          handlers.onError(err);
        });
    },
  };
}
