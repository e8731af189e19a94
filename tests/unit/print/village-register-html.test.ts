import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../electron/backend/print/html-escape';
import { shortAddress, villageRegisterHtml } from '../../../electron/backend/register/village-register-html';
import { registerFixture, residentId } from './register-fixture';

/** The <tbody class="household"> blocks, in order. */
function householdBlocks(html: string): string[] {
  return html.match(/<tbody class="household">[\s\S]*?<\/tbody>/g) ?? [];
}

describe('escapeHtml', () => {
  it('replaces the five HTML special characters and passes the rest', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml('王建国 138-1234')).toBe('王建国 138-1234');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(12)).toBe('12');
  });
});

describe('villageRegisterHtml', () => {
  it('escapes every data field', () => {
    const data = registerFixture({ households: 3 });
    const evil = '<script>alert(1)</script>';
    data.branchName = `支行${evil}`;
    data.village = `村"><img src=x>`;
    data.households[0].name = evil;
    data.households[0].whereabouts = '太原&<b>';
    data.households[0].phones = ['<i>1</i>'];
    data.households[1].contactName = '<u>';
    data.households[1].loans[0].product = '<em>贷</em>';
    data.households[1].loans[0].loanNo = '"88011"';
    const { html, options } = villageRegisterHtml(data);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<(b|i|u|em)>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('太原&amp;&lt;b&gt;');
    expect(html).toContain('&quot;88011&quot;');
    expect(options.headerTemplate).not.toContain('<script');
    expect(options.headerTemplate).toContain('支行&lt;script&gt;');
    expect(options.headerTemplate).not.toContain('<img');
  });

  it('is self-contained: no scripts, no links to anything outside', () => {
    const { html } = villageRegisterHtml(registerFixture());
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|https?:/i);
  });

  it('groups loans by household: household cells span the household’s loan rows', () => {
    const data = registerFixture({ households: 6 });
    const blocks = householdBlocks(villageRegisterHtml(data).html);
    expect(blocks).toHaveLength(6);
    data.households.forEach((h, i) => {
      const block = blocks[i];
      expect((block.match(/<tr>/g) ?? []).length).toBe(h.loans.length);
      for (const l of h.loans) expect(block).toContain(l.loanNo);
      // 序号, 户名, 身份证号, 联系电话, 住址, 现住地址, 联系人 and 走访记录 span the loans.
      const spans = block.match(/rowspan="(\d+)"/g) ?? [];
      if (h.loans.length > 1) {
        expect(spans).toHaveLength(8);
        expect(new Set(spans)).toEqual(new Set([`rowspan="${h.loans.length}"`]));
      } else {
        expect(spans).toHaveLength(0);
      }
      // The household's name appears once, in the first row.
      expect(block.split(h.name)).toHaveLength(2);
      expect(block.indexOf(h.name)).toBeLessThan(block.indexOf('</tr>'));
      expect(block).toContain(`<td${h.loans.length > 1 ? ` rowspan="${h.loans.length}"` : ''} class="c">${i + 1}</td>`);
    });
    // 18 columns: 7 household + 10 loan + 走访记录.
    expect((villageRegisterHtml(data).html.match(/<th>/g) ?? []).length).toBe(18);
  });

  it('shows a household without loans on one row', () => {
    const data = registerFixture({ households: 2 });
    data.households[1].loans = [];
    const blocks = householdBlocks(villageRegisterHtml(data).html);
    expect(blocks[1]).toContain('无贷款');
    expect(blocks[1]).not.toContain('rowspan');
  });

  it('shows the totals from data.totals: households, loans, balance', () => {
    const data = registerFixture();
    expect(data.totals).toMatchObject({ households: 60, loans: 80 });
    const { html } = villageRegisterHtml(data);
    const totals = /<tbody class="totals">[\s\S]*?<\/tbody>/.exec(html)?.[0] ?? '';
    expect(totals).toContain('合计：60 户');
    expect(totals).toContain('80 笔');
    expect(totals).toContain(`逾期 ${data.totals.overdueLoans} 笔`);
    // 4,225,643.33 for this fixture: the sum of the loan balances.
    expect(totals).toContain('4,225,643.33');
    expect(html.indexOf('<tbody class="totals">')).toBeGreaterThan(html.lastIndexOf('<tbody class="household">'));
  });

  it('formats money as 元 with two decimals and leaves unknown values blank', () => {
    const data = registerFixture({ households: 1 });
    Object.assign(data.households[0].loans[0], { contractAmountFen: 5_000_000, balanceFen: 3_548_425, interestOwedFen: null, disbursedOn: null });
    const row = householdBlocks(villageRegisterHtml(data).html)[0];
    expect(row).toContain('>50,000.00<');
    expect(row).toContain('>35,484.25<');
  });

  // Masking has one home, the query that builds VillageRegisterData (tested with the export and the print).
  it('prints resident IDs as the data holds them, and says when they are masked', () => {
    const full = villageRegisterHtml(registerFixture({ households: 5 })).html;
    expect(full).toContain(residentId(0));
    expect(full).not.toContain('身份证号已脱敏');
    const { html } = villageRegisterHtml(registerFixture({ households: 5, mask: true }));
    for (let i = 0; i < 5; i++) expect(html).not.toContain(residentId(i));
    expect(html).toContain(`${residentId(0).slice(0, 6)}********${residentId(0).slice(-4)}`);
    expect(html).toContain('身份证号已脱敏');
  });

  it('has a page header with branch, village, as-of date and page numbers, and a footer to sign', () => {
    const { options } = villageRegisterHtml(registerFixture());
    expect(options).toMatchObject({ landscape: true, format: 'A4' });
    expect(options.headerTemplate).toContain('临县农商银行白文支行');
    expect(options.headerTemplate).toContain('白文镇 刘家会村');
    expect(options.headerTemplate).toContain('数据日期：2025-11-20');
    expect(options.headerTemplate).toMatch(/第 <span class="pageNumber"><\/span> 页 \/ 共 <span class="totalPages"><\/span> 页/);
    expect(options.headerTemplate).toMatch(/font-size: *\d/);
    expect(options.headerTemplate).toContain('Noto Sans CJK SC');
    expect(options.footerTemplate).toContain('打印时间：2025-11-25 14:03');
    expect(options.footerTemplate).toContain('客户经理签字');
  });

  it('shortens addresses to the part after the village name', () => {
    expect(shortAddress('临县白文镇刘家会村3组', { village: '刘家会村' })).toBe('3组');
    expect(shortAddress('临县白文镇刘家会村', { village: '刘家会村' })).toBe('临县白文镇刘家会村');
    expect(shortAddress('临县城庄镇城庄村2组', { village: '刘家会村' })).toBe('临县城庄镇城庄村2组');
  });
});
