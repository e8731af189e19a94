import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { NoticeView } from '../../../../electron/shared/api/notices';
import { formatLocalDateTime } from '../../../../electron/shared/local-time';
import { DELIVERY_LABELS, NOTICE_KIND_LABELS, NOTICE_STATUS_LABELS } from '../../../../electron/shared/notices';
import { formatYuan } from '../../../../electron/shared/money';
import { yuanColumn } from '../../grid/columns';

export type NoticeAction = 'delivered' | 'undeliverable' | 'cancel';

/** What the register grid's cells can reach (AG Grid's `context`). */
export interface NoticeGridContext {
  act(row: NoticeView, action: NoticeAction): void;
  reopenPdf(row: NoticeView): void;
}

function ActionsCell(p: CustomCellRendererProps<NoticeView, unknown, NoticeGridContext>) {
  const row = p.data;
  if (!row) return null;
  const live = row.status === 'issued';
  const open = live && (row.delivery === 'sent' || row.delivery === 'undeliverable');
  return (
    <span className="notice-row-actions">
      {open ? (
        <button type="button" className="cell-link" onClick={() => p.context.act(row, 'delivered')} data-testid="notice-row-delivered">
          已送达
        </button>
      ) : null}
      {live && row.delivery === 'sent' ? (
        <button type="button" className="cell-link" onClick={() => p.context.act(row, 'undeliverable')} data-testid="notice-row-undeliverable">
          无法送达
        </button>
      ) : null}
      {live && row.delivery !== 'returned' ? (
        <button type="button" className="cell-link" onClick={() => p.context.act(row, 'cancel')} data-testid="notice-row-cancel">
          作废
        </button>
      ) : null}
      {row.pdfPath ? (
        <button type="button" className="cell-link" onClick={() => p.context.reopenPdf(row)} title="重新打开本批的 PDF" data-testid="notice-row-pdf">
          PDF
        </button>
      ) : null}
    </span>
  );
}

const status = (r: NoticeView) => (r.status === 'cancelled' ? `${NOTICE_STATUS_LABELS.cancelled}${r.cancelReason ? `：${r.cancelReason}` : ''}` : NOTICE_STATUS_LABELS[r.status]);

/** The notice register: one row per notice, newest first (the backend's order; no sorting by column). */
export function noticeColumns(): ColDef<NoticeView>[] {
  const columns: ColDef<NoticeView>[] = [
    { field: 'noticeNo', headerName: '编号', width: 290, pinned: 'left', tooltipField: 'noticeNo', cellClass: 'mono' },
    { field: 'scanCode', headerName: '条码', width: 120, cellClass: 'mono' },
    { field: 'kind', headerName: '种类', width: 150, valueFormatter: (p) => (p.data ? NOTICE_KIND_LABELS[p.data.kind] : '') },
    { field: 'addressee', headerName: '收件人', width: 110, valueFormatter: (p) => (p.data ? `${p.data.addressee}${p.data.addresseeRole === 'guarantor' ? '（担保人）' : ''}` : '') },
    { field: 'borrowerName', headerName: '借款人', width: 90 },
    { field: 'loanNo', headerName: '借据号', width: 168, cellClass: 'mono' },
    { field: 'village', headerName: '村', width: 100 },
    yuanColumn({ colId: 'balance', headerName: '余额(元)', width: 120, valueGetter: (p) => p.data?.figures.balanceFen }),
    yuanColumn({
      colId: 'overdue',
      headerName: '逾期本息(元)',
      width: 120,
      valueGetter: (p) => (p.data ? p.data.figures.overduePrincipalFen + p.data.figures.interestOwedFen : undefined),
      tooltipValueGetter: (p) => (p.data ? `逾期本金 ${formatYuan(p.data.figures.overduePrincipalFen)} 元，欠息 ${formatYuan(p.data.figures.interestOwedFen)} 元，截至 ${p.data.figures.asOf}` : ''),
    }),
    { field: 'issuedOn', headerName: '出具日', width: 108, tooltipValueGetter: (p) => (p.data ? formatLocalDateTime(p.data.issuedAt) : '') },
    { field: 'issuedBy', headerName: '出具人', width: 90 },
    {
      colId: 'status',
      headerName: '状态',
      width: 110,
      valueGetter: (p) => (p.data ? status(p.data) : ''),
      tooltipValueGetter: (p) => (p.data ? status(p.data) : ''),
      cellClassRules: { 'cell-danger': (p) => p.data?.status === 'cancelled' },
    },
    {
      colId: 'delivery',
      headerName: '送达',
      width: 104,
      valueGetter: (p) => (p.data && p.data.status !== 'cancelled' ? DELIVERY_LABELS[p.data.delivery] : ''),
      tooltipValueGetter: (p) => p.data?.deliveryNote ?? '',
    },
    { field: 'receiptOn', headerName: '签收日期', width: 108 },
    { field: 'receiptSigner', headerName: '签收人', width: 90 },
    { colId: 'actions', headerName: '操作', width: 190, pinned: 'right', cellRenderer: ActionsCell },
  ];
  return columns.map((c) => ({ ...c, sortable: false, filter: false }));
}
