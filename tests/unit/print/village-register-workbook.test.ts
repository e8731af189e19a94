import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { villageRegisterWorkbook } from '../../../electron/backend/register/village-register-workbook';
import { registerFixture, residentId } from './register-fixture';

const HEADER = [
  '序号', '户名', '身份证号', '联系电话', '住址', '现住地址', '联系人', '联系人电话', '备注', '客户经理', '借据号',
  '产品', '担保方式', '放款日', '到期日', '合同金额(元)', '余额(元)', '逾期天数', '欠息(元)', '五级分类',
];
const col = (label: string) => HEADER.indexOf(label);

function readBack(bytes: Uint8Array): XLSX.WorkSheet {
  const wb = XLSX.read(bytes, { type: 'array', cellNF: true, cellStyles: true });
  expect(wb.SheetNames).toEqual(['刘家会村']);
  return wb.Sheets[wb.SheetNames[0]];
}
const cell = (ws: XLSX.WorkSheet, r: number, c: number) => ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;

describe('villageRegisterWorkbook', async () => {
  const data = registerFixture();
  const bytes = await villageRegisterWorkbook(data);
  const ws = readBack(bytes);
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });

  it('is an .xlsx (zip) file', () => {
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(String.fromCharCode(bytes[0], bytes[1])).toBe('PK');
  });

  it('has the title, the meta row and the header, the title merged across the columns', () => {
    expect(rows[0][0]).toBe('临县农商银行白文支行 白文镇刘家会村 贷款清册');
    expect(rows[1][0]).toBe('数据日期：2025-11-20   导出时间：2025-11-25 14:03');
    expect(rows[2]).toEqual(HEADER);
    expect(ws['!merges']).toContainEqual({ s: { r: 0, c: 0 }, e: { r: 0, c: HEADER.length - 1 } });
    expect(ws['!cols']).toHaveLength(HEADER.length);
    expect(ws['!cols']!.every((c) => (c.wch ?? c.width ?? 0) > 0)).toBe(true);
  });

  it('starts its title with the village when the database names no branch (CLI only)', async () => {
    const untitled = readBack(await villageRegisterWorkbook({ ...data, branchName: '' }));
    expect(cell(untitled, 0, 0)?.v).toBe('白文镇刘家会村 贷款清册');
  });

  it('writes one row per loan, repeating the household columns', () => {
    const loanRows = rows.slice(3, 3 + 80);
    expect(loanRows).toHaveLength(80);
    const first = data.households[0];
    expect(first.loans).toHaveLength(2);
    for (const [j, l] of first.loans.entries()) {
      const row = loanRows[j];
      expect(row[col('序号')]).toBe(1);
      expect(row[col('户名')]).toBe(first.name);
      expect(row[col('身份证号')]).toBe(first.residentId);
      expect(row[col('备注')]).toBe(first.notes);
      expect(row[col('借据号')]).toBe(l.loanNo);
      expect(row[col('余额(元)')]).toBe(l.balanceFen / 100);
    }
    expect(ws['!merges']!.every((m) => m.s.r < 3)).toBe(true);
  });

  it('stores IDs, loan numbers and phones as text, dates as Excel dates shown yyyy-mm-dd, amounts as numbers in 元 with #,##0.00', () => {
    const r = 3;
    for (const label of ['身份证号', '借据号', '联系电话']) {
      expect(cell(ws, r, col(label))?.t, label).toBe('s');
    }
    expect(cell(ws, r, col('身份证号'))?.v).toBe(residentId(0));
    for (const label of ['放款日', '到期日']) {
      expect(cell(ws, r, col(label))?.t, label).toBe('n');
      expect(cell(ws, r, col(label))?.z, label).toBe('yyyy-mm-dd');
    }
    const disbursed = data.households[0].loans[0].disbursedOn!;
    expect(XLSX.SSF.format('yyyy-mm-dd', cell(ws, r, col('放款日'))!.v as number)).toBe(disbursed);
    for (const label of ['合同金额(元)', '余额(元)', '欠息(元)']) {
      const c = cell(ws, r, col(label));
      expect(c?.t, label).toBe('n');
      expect(c?.z, label).toBe('#,##0.00');
    }
    expect(cell(ws, r, col('合同金额(元)'))?.v).toBe(data.households[0].loans[0].contractAmountFen! / 100);
    expect(cell(ws, r, col('逾期天数'))?.t).toBe('n');
  });

  it('ends with a totals row 合计', () => {
    const last = rows[rows.length - 1];
    expect(rows).toHaveLength(3 + 80 + 1);
    expect(last[0]).toBe('合计');
    expect(last[col('户名')]).toBe('60 户');
    expect(last[col('借据号')]).toBe('80 笔');
    expect(last[col('余额(元)')]).toBe(4_225_643.33);
    expect(cell(ws, rows.length - 1, col('余额(元)'))?.z).toBe('#,##0.00');
  });

  it('totals 合同金额 and 欠息 in the 合计 row, as numbers in 元', () => {
    const all = data.households.flatMap((h) => h.loans);
    const contract = all.reduce((s, l) => s + (l.contractAmountFen ?? 0), 0);
    const interest = all.reduce((s, l) => s + (l.interestOwedFen ?? 0), 0);
    expect(interest).toBeGreaterThan(0);
    const r = rows.length - 1;
    for (const [label, fen] of [['合同金额(元)', contract], ['欠息(元)', interest]] as const) {
      expect(cell(ws, r, col(label))?.t, label).toBe('n');
      expect(cell(ws, r, col(label))?.v, label).toBe(fen / 100);
      expect(cell(ws, r, col(label))?.z, label).toBe('#,##0.00');
    }
  });

  it('writes IDs as given: masked when the caller masked them', async () => {
    const masked = readBack(await villageRegisterWorkbook(registerFixture({ mask: true })));
    expect(cell(masked, 3, col('身份证号'))?.v).toBe(`${residentId(0).slice(0, 6)}********${residentId(0).slice(-4)}`);
  });
});
