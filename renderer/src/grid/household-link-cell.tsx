import type { CustomCellRendererProps } from 'ag-grid-react';

/** What a grid showing households passes in its context: how to open the household panel. */
export interface HouseholdLinkContext {
  openHousehold(borrowerId: string): void;
}

/** A borrower's name as a link that opens the household panel (register, worklists, contact lists, 诉讼时效). */
export function HouseholdLinkCell<T extends { borrowerId: string }>(p: CustomCellRendererProps<T, string, HouseholdLinkContext>) {
  const row = p.data;
  if (!row) return null;
  return (
    <button type="button" className="cell-link" onClick={() => p.context.openHousehold(row.borrowerId)} title="查看借款户详情">
      {p.value}
    </button>
  );
}
