import type { CustomCellRendererProps } from 'ag-grid-react';
import type { VillageOverviewRow } from '../../../../electron/shared/api/villages';
import { routeHref } from '../../router/hash-router';
import { REGISTER_PATHS } from './paths';

/** The village name as a link to its register (分村贷款清册); plain text on the 合计 row. */
export function VillageLinkCell(p: CustomCellRendererProps<VillageOverviewRow, string>) {
  if (!p.data || p.node.rowPinned) return <>{p.valueFormatted ?? p.value}</>;
  return (
    <a className="cell-link" href={routeHref(REGISTER_PATHS.village(p.data.villageId))} title="打开该村贷款清册">
      {p.value}
    </a>
  );
}
