/**
 * The village register (or any register view) as an .xlsx sheet, written as a stream: one row
 * per loan with the household columns repeated, so the sheet can be filtered and sorted. IDs
 * are written as given (the caller decides on masking).
 */
import type { Writable } from 'node:stream';
import { bufferSink } from '../export/buffer-sink';
import { ListSheetWriter, type CellValue, type SheetColumn } from '../export/xlsx-list-sheet';
import type { RegisterHousehold, RegisterLoan, VillageRegisterData } from './village-register-data';

export const REGISTER_SHEET_COLUMNS: readonly SheetColumn[] = [
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
  { label: '放款日', width: 12, kind: 'date' },
  { label: '到期日', width: 12, kind: 'date' },
  { label: '合同金额(元)', width: 15, kind: 'money' },
  { label: '余额(元)', width: 15, kind: 'money' },
  { label: '逾期天数', width: 9, kind: 'int' },
  { label: '欠息(元)', width: 12, kind: 'money' },
  { label: '五级分类', width: 9, kind: 'text' },
];
const COL = Object.fromEntries(REGISTER_SHEET_COLUMNS.map((c, i) => [c.label, i])) as Record<string, number>;

export type RegisterSheetHead = Pick<VillageRegisterData, 'branchName' | 'township' | 'village' | 'asOf' | 'generatedAt' | 'viewNote'>;
export type RegisterHouseholdCells = Omit<RegisterHousehold, 'loans'>;

/** The register's sheet being written: loans are added in register order, the totals last. */
export class RegisterSheetWriter {
  private readonly sheet: ListSheetWriter;

  constructor(out: Writable, head: RegisterSheetHead) {
    this.sheet = new ListSheetWriter(out, REGISTER_SHEET_COLUMNS, {
      sheetName: head.village || '贷款清册',
      // A database set up without a branch (CLI only) has no branch name: no leading blank then.
      title: [head.branchName, `${head.township}${head.village}`, '贷款清册'].filter(Boolean).join(' '),
      note: [`数据日期：${head.asOf ?? '未知'}`, `导出时间：${head.generatedAt}`, head.viewNote].filter(Boolean).join('   '),
    });
  }

  /** One loan (null: a household without loans, which still gets its row) of the `seq`th household. */
  addLoan(seq: number, h: RegisterHouseholdCells, l: RegisterLoan | null): void {
    const household: CellValue[] = [
      seq,
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
    const loan: CellValue[] = l
      ? [
          l.loanNo,
          l.product,
          l.guaranteeType,
          l.disbursedOn,
          l.maturityOn,
          l.contractAmountFen, // fen: money columns are written in 元
          l.balanceFen,
          l.principalOverdueDays,
          l.interestOwedFen,
          l.riskClass,
        ]
      : [];
    this.sheet.addRow([...household, ...loan]);
  }

  /** Resolves once the rows written so far are mostly zipped (see ListSheetWriter.caughtUp). */
  caughtUp(): Promise<void> {
    return this.sheet.caughtUp();
  }

  /** The 合计 row, then the end of the file. */
  async finish(t: VillageRegisterData['totals']): Promise<void> {
    const labels: Record<number, string> = { 0: '合计', [COL['户名']]: `${t.households} 户`, [COL['借据号']]: `${t.loans} 笔` };
    if (t.overdueLoans > 0) labels[COL['产品']] = `其中逾期 ${t.overdueLoans} 笔`;
    this.sheet.addTotals(labels, {
      [COL['合同金额(元)']]: t.contractAmountFen,
      [COL['余额(元)']]: t.balanceFen,
      [COL['欠息(元)']]: t.interestOwedFen,
    });
    await this.sheet.finish();
  }
}

/** A register already in memory (VillageRegisterData) as .xlsx bytes. */
export async function villageRegisterWorkbook(data: VillageRegisterData): Promise<Uint8Array> {
  const sink = bufferSink();
  const sheet = new RegisterSheetWriter(sink.stream, data);
  data.households.forEach((h, i) => {
    // A household without loans still gets its row: the register lists every household.
    for (const l of h.loans.length > 0 ? h.loans : [null]) sheet.addLoan(i + 1, h, l);
  });
  await sheet.finish(data.totals);
  return sink.bytes();
}
