import { describe, expect, it } from 'vitest';
import { formatYuan } from '../../../electron/shared/money';
import type { RegisterLoan, VillageRegisterData } from '../../../electron/backend/register/village-register-data';
import { villageRegisterHtml } from '../../../electron/backend/register/village-register-html';
import { crowdedRegisterFixture, registerFixture } from './register-fixture';

/** The printed pages: each its own <section class="sheet">. */
const sheetsOf = (html: string) => html.match(/<section class="sheet">[\s\S]*?<\/section>/g) ?? [];
/** The text of each cell of a sums row (本页小计 or 合计). */
function sumsCells(sheet: string, kind: 'subtotal' | 'totals'): string[] | null {
  const body = new RegExp(`<tbody class="${kind}">([\\s\\S]*?)</tbody>`).exec(sheet)?.[1];
  return body ? [...body.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]) : null;
}
const sum = (loans: RegisterLoan[], f: (l: RegisterLoan) => number | null) => loans.reduce((s, l) => s + (f(l) ?? 0), 0);

/** The loans printed on a sheet, found by their loan numbers. */
function loansOn(sheet: string, data: VillageRegisterData): RegisterLoan[] {
  return data.households.flatMap((h) => h.loans).filter((l) => sheet.includes(`<td class="num">${l.loanNo}</td>`));
}

describe('printed village register: pages and their subtotals', () => {
  for (const [name, make] of [
    ['the usual register', () => registerFixture()],
    ['a register with tall rows and a household of 40 loans', crowdedRegisterFixture],
  ] as const) {
    it(`${name}: every page has its own 本页小计 of the loans on it, the last page also 合计`, () => {
      const data = make();
      const sheets = sheetsOf(villageRegisterHtml(data).html);
      expect(sheets.length).toBeGreaterThan(2);
      let printed = 0;
      sheets.forEach((sheet, i) => {
        const loans = loansOn(sheet, data);
        expect(loans.length, `page ${i + 1} has loans`).toBeGreaterThan(0);
        printed += loans.length;
        const cells = sumsCells(sheet, 'subtotal');
        expect(cells, `page ${i + 1}`).not.toBeNull();
        expect(cells!.slice(1, 4)).toEqual([
          `${loans.length} 笔`,
          formatYuan(sum(loans, (l) => l.contractAmountFen)),
          formatYuan(sum(loans, (l) => l.balanceFen)),
        ]);
        expect(cells![5]).toBe(formatYuan(sum(loans, (l) => l.interestOwedFen)));
        expect(cells![0]).toMatch(/^本页小计：\d+ 户$/);
        expect(sumsCells(sheet, 'totals') !== null, `合计 on page ${i + 1}`).toBe(i === sheets.length - 1);
        // Its own header row, so that each page reads on its own.
        expect(sheet).toContain('<thead>');
      });
      // Every loan printed once.
      expect(printed).toBe(data.totals.loans);
    });
  }

  it('keeps a household on one page, and runs one taller than a page over pages with its cells repeated and （续）', () => {
    const usual = registerFixture();
    const html = villageRegisterHtml(usual).html;
    for (const [i, h] of usual.households.entries()) {
      const on = sheetsOf(html).filter((s) => s.includes(`<td class="num">${h.loans[0].loanNo}</td>`));
      expect(on, `household ${i + 1}`).toHaveLength(1);
      expect(on[0]).toContain(`class="c">${i + 1}</td>`);
    }
    expect(html).not.toContain('（续）');

    const crowded = crowdedRegisterFixture();
    const big = crowded.households[7];
    const sheets = sheetsOf(villageRegisterHtml(crowded).html);
    const holding = sheets.filter((s) => big.loans.some((l) => s.includes(`<td class="num">${l.loanNo}</td>`)));
    expect(holding.length).toBeGreaterThan(1);
    holding.forEach((s, k) => {
      expect(s).toContain(`>${big.name}${k > 0 ? '<span class="cont">（续）</span>' : ''}</td>`);
      expect(s).toContain('class="c">8</td>');
    });
  });

  it('totals 合同金额, 余额 and 欠息 in 合计, each under its own column', () => {
    const data = registerFixture();
    const sheets = sheetsOf(villageRegisterHtml(data).html);
    const cells = sumsCells(sheets[sheets.length - 1], 'totals')!;
    expect(cells[0]).toBe('合计：60 户');
    expect(cells[1]).toBe(`80 笔（逾期 ${data.totals.overdueLoans} 笔，${formatYuan(data.totals.overdueBalanceFen)} 元）`);
    // 合同金额, 余额, 逾期天数 (blank), 欠息: the loan columns after the five before them.
    expect(cells.slice(2, 6)).toEqual([formatYuan(data.totals.contractAmountFen), '4,225,643.33', '', formatYuan(data.totals.interestOwedFen)]);
    expect(data.totals.contractAmountFen).toBeGreaterThan(0);
    expect(data.totals.interestOwedFen).toBeGreaterThan(0);
  });
});
