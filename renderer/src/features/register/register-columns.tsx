import type { CellClassParams, ColDef } from 'ag-grid-community';
import { CONTACT_LABELS, TEXT_LIMITS, type ContactField, type RegisterLoanRow } from '../../../../electron/shared/api/register';
import { NON_PERFORMING, type RiskClass } from '../../../../electron/shared/domain';
import { formatYuan } from '../../../../electron/shared/money';
import { overLimit } from '../../../../electron/shared/text-length';
import { countColumn, textColumn, yuanColumn } from '../../grid/columns';
import { HouseholdLinkCell } from '../../grid/household-link-cell';

/** What the register grid's cells can reach (AG Grid's `context`). */
export interface RegisterGridContext {
  openHousehold(borrowerId: string): void;
  /** What keeps the open editor from saving (text over the field's limit), or null once it fits. */
  reportEditProblem(message: string | null): void;
}

/** A household's second and later loans: its columns are greyed, so each household reads as one block. */
function sameHouseholdAsAbove(p: CellClassParams<RegisterLoanRow>): boolean {
  const index = p.node.rowIndex;
  if (!p.data || index === null || index === 0) return false;
  return p.api.getDisplayedRowAtIndex(index - 1)?.data?.borrowerId === p.data.borrowerId;
}
const householdCell = { 'cell-repeat': sameHouseholdAsAbove };

const MONEY_TOOLTIP = '单位：元。按金额筛选时请输入元（如 50000 即 5 万元）。';
const EDITABLE_TOOLTIP = '本行维护的联系信息：双击单元格修改，回车保存；导入核心系统文件不会覆盖。';

function contactColumn(field: ContactField, width: number, extra: ColDef<RegisterLoanRow> = {}): ColDef<RegisterLoanRow> {
  return textColumn<RegisterLoanRow>({
    field,
    headerName: CONTACT_LABELS[field],
    headerTooltip: EDITABLE_TOOLTIP,
    headerClass: 'header-editable',
    width,
    editable: true,
    cellClass: 'cell-editable',
    // No maxLength: the editor would cut pasted text without a word. It says so and stays open instead
    // (the grid's invalidEditValueMode 'block').
    cellEditorParams: {
      getValidationErrors: ({ value, cellEditorParams }: { value: unknown; cellEditorParams: { context: RegisterGridContext } }) => {
        const errors = lengthErrors(value, TEXT_LIMITS[field]);
        cellEditorParams.context.reportEditProblem(errors ? `${CONTACT_LABELS[field]}${errors[0]}` : null);
        return errors;
      },
    },
    ...extra,
  });
}

function lengthErrors(value: unknown, max: number): string[] | null {
  const message = typeof value === 'string' ? overLimit(value, max) : null;
  return message ? [message] : null;
}

const dateColumn = (field: 'disbursedOn' | 'maturityOn', headerName: string): ColDef<RegisterLoanRow> => ({
  field,
  headerName,
  width: 112,
  cellDataType: 'dateString',
  filter: 'agDateColumnFilter',
  // Typed as YYYY-MM-DD: the browser's date picker would show mm/dd/yyyy in an English browser.
  filterParams: { browserDatePicker: false, minValidYear: 1900, maxValidYear: 2999 },
});

/**
 * The register's columns: the household first, then the loan. Column ids are the backend's
 * REGISTER_COLUMNS (sorting and filtering run in the database); money is fen in the data, 元 on
 * screen and in filters.
 */
export function registerColumns(withVillage: boolean): ColDef<RegisterLoanRow>[] {
  const village: ColDef<RegisterLoanRow>[] = withVillage
    ? [
        textColumn({ field: 'township', headerName: '乡镇', width: 96, pinned: 'left' }),
        textColumn({ field: 'village', headerName: '村', width: 104, pinned: 'left' }),
      ]
    : [];
  return [
    ...village,
    textColumn({ field: 'name', headerName: '户名', width: 92, pinned: 'left', cellRenderer: HouseholdLinkCell, cellClassRules: householdCell }),
    {
      field: 'residentIdMasked',
      headerName: '身份证号',
      width: 172,
      sortable: false,
      filter: false,
      cellClass: 'mono',
      cellClassRules: householdCell,
      headerTooltip: '已脱敏；完整号码只在打印或导出时按需显示。',
    },
    // Wide enough for two phones (13800000000 / 13900000000); more show in the tooltip.
    textColumn({ field: 'phones', headerName: '电话', width: 236, cellClass: 'mono', cellClassRules: householdCell, tooltipField: 'phones', headerTooltip: '借款人的全部电话；在借款户详情中修改。' }),
    textColumn({ field: 'address', headerName: '住址', width: 210, tooltipField: 'address', cellClassRules: householdCell }),
    contactColumn('whereabouts', 150, { tooltipField: 'whereabouts' }),
    contactColumn('contactName', 100),
    contactColumn('contactPhone', 122, { cellClass: 'cell-editable mono' }),
    contactColumn('notes', 150, { tooltipField: 'notes', cellEditor: 'agLargeTextCellEditor', cellEditorPopup: true }),
    textColumn({ field: 'loanNo', headerName: '借据号', width: 168, cellClass: 'mono' }),
    // Wide enough for the usual names (农户小额信用贷款); longer ones show in the tooltip.
    textColumn({ field: 'product', headerName: '产品', width: 150, tooltipField: 'product' }),
    textColumn({ field: 'guaranteeType', headerName: '担保方式', width: 104 }),
    dateColumn('disbursedOn', '放款日'),
    dateColumn('maturityOn', '到期日'),
    yuanColumn({ field: 'contractAmountFen', headerName: '合同金额(元)', width: 130, headerTooltip: MONEY_TOOLTIP }),
    yuanColumn({ field: 'balanceFen', headerName: '余额(元)', width: 130, headerTooltip: MONEY_TOOLTIP }),
    countColumn({
      field: 'principalOverdueDays',
      headerName: '逾期天数',
      width: 96,
      headerTooltip: '本金逾期天数',
      cellClassRules: { 'cell-danger': (p) => typeof p.value === 'number' && p.value > 0 },
      valueFormatter: (p) => (typeof p.value === 'number' && p.value > 0 ? String(p.value) : ''),
    }),
    yuanColumn({
      field: 'interestOwedFen',
      headerName: '欠息(元)',
      width: 110,
      headerTooltip: MONEY_TOOLTIP,
      // Blank when nothing is owed, like 逾期天数: the eye finds the rows that owe.
      valueFormatter: (p) => (typeof p.value === 'number' && p.value > 0 ? formatYuan(p.value) : ''),
    }),
    textColumn({
      field: 'riskClass',
      headerName: '五级分类',
      width: 92,
      filterParams: { defaultOption: 'equals' },
      cellClassRules: { 'cell-danger': (p) => NON_PERFORMING.includes(p.value as RiskClass) },
    }),
    textColumn({ field: 'managerName', headerName: '客户经理', width: 96, valueFormatter: (p) => (p.data ? (p.value ?? '未分配') : '') }),
    textColumn({ field: 'status', headerName: '状态', width: 80, filter: false, valueFormatter: (p) => (p.data ? (p.value === 'settled' ? '已结清' : p.data.handedOver ? '已移交' : '在贷') : ''), headerTooltip: '已移交：已移交风险资产部，不再列入工作清单。' }),
  ];
}
