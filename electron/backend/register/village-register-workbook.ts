/**
 * The village register as an .xlsx workbook (SheetJS). One row per loan with the household
 * columns repeated, so the sheet can be filtered and sorted; IDs are written as given (the
 * caller decides on masking).
 */
import * as XLSX from '@e965/xlsx';
import { fenToYuanNumber } from '../../shared/money';
import type { VillageRegisterData } from './village-register-data';

const MONEY = '#,##0.00';

type Kind = 'text' | 'int' | 'money';
const COLUMNS: { label: string; width: number; kind: Kind }[] = [
  { label: '序号', width: 6, kind: 'int' },
  { label: '户名', width: 10, kind: 'text' },
  { label: '身份证号', width: 21, kind: 'text' },
  { label: '联系电话', width: 26, kind: 'text' },
  { label: '住址', width: 28, kind: 'text' },
  { label: '现住地址', width: 24, kind: 'text' },
  { label: '联系人', width: 10, kind: 'text' },
  { label: '联系人电话', width: 14, kind: 'text' },
  { label: '备注', width: 24, kind: 'text' },
  { label: '客户经理', width: 10, kind: 'text' },
  { label: '借据号', width: 18, kind: 'text' },
  { label: '产品', width: 18, kind: 'text' },
  { label: '担保方式', width: 9, kind: 'text' },
  { label: '放款日', width: 12, kind: 'text' },
  { label: '到期日', width: 12, kind: 'text' },
  { label: '合同金额(元)', width: 15, kind: 'money' },
  { label: '余额(元)', width: 15, kind: 'money' },
  { label: '逾期天数', width: 9, kind: 'int' },
  { label: '欠息(元)', width: 12, kind: 'money' },
  { label: '五级分类', width: 9, kind: 'text' },
];
const COL = Object.fromEntries(COLUMNS.map((c, i) => [c.label, i])) as Record<string, number>;

type Value = string | number | null;

export function villageRegisterWorkbook(data: VillageRegisterData): Uint8Array {
  const ws: XLSX.WorkSheet = {};
  const ncol = COLUMNS.length;
  const put = (r: number, c: number, v: Value, kind: Kind = 'text') => {
    if (v === null || v === '') return;
    const ref = XLSX.utils.encode_cell({ r, c });
    if (kind === 'text') ws[ref] = { t: 's', v: String(v) };
    else if (kind === 'money') ws[ref] = { t: 'n', v: fenToYuanNumber(Number(v)), z: MONEY };
    else ws[ref] = { t: 'n', v: Number(v) };
  };

  // A database set up without a branch (CLI only) has no branch name: no leading blank then.
  put(0, 0, [data.branchName, `${data.township}${data.village}`, '贷款清册'].filter(Boolean).join(' '));
  put(1, 0, [`数据日期：${data.asOf ?? '未知'}`, `导出时间：${data.generatedAt}`, data.viewNote].filter(Boolean).join('   '));
  COLUMNS.forEach((c, i) => put(2, i, c.label));

  let r = 3;
  data.households.forEach((h, hi) => {
    const household: Value[] = [
      hi + 1,
      h.name,
      h.residentId,
      h.phones.filter(Boolean).join('、'),
      h.address,
      h.whereabouts,
      h.contactName,
      h.contactPhone,
      h.notes,
      h.managerName,
    ];
    // A household without loans still gets its row: the register lists every household.
    const loans = h.loans.length > 0 ? h.loans : [null];
    for (const l of loans) {
      const loan: Value[] = l
        ? [
            l.loanNo,
            l.product,
            l.guaranteeType,
            l.disbursedOn,
            l.maturityOn,
            l.contractAmountFen, // fen; put() converts money columns to 元
            l.balanceFen,
            l.principalOverdueDays,
            l.interestOwedFen,
            l.riskClass,
          ]
        : [];
      [...household, ...loan].forEach((v, c) => put(r, c, v, COLUMNS[c].kind));
      r++;
    }
  });
  const lastDataRow = r - 1;

  const t = data.totals;
  put(r, 0, '合计');
  put(r, COL['户名'], `${t.households} 户`);
  put(r, COL['借据号'], `${t.loans} 笔`);
  put(r, COL['合同金额(元)'], t.contractAmountFen, 'money');
  put(r, COL['余额(元)'], t.balanceFen, 'money');
  put(r, COL['欠息(元)'], t.interestOwedFen, 'money');
  if (t.overdueLoans > 0) put(r, COL['产品'], `其中逾期 ${t.overdueLoans} 笔`);

  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r, c: ncol - 1 } });
  ws['!cols'] = COLUMNS.map((c) => ({ wch: c.width }));
  ws['!rows'] = [{ hpt: 24 }];
  ws['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: ncol - 1 } },
    { s: { r: 1, c: 0 }, e: { r: 1, c: ncol - 1 } },
  ];
  if (lastDataRow >= 3) {
    ws['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 2, c: 0 }, e: { r: lastDataRow, c: ncol - 1 } }) };
  }

  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheetName(data.village));
  const out = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(village: string): string {
  const name = village.replace(/[:\\/?*[\]]/g, '').trim().slice(0, 31);
  return name || '贷款清册';
}
