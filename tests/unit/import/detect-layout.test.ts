import { describe, expect, it } from 'vitest';
import { detectLayout, findAsOfDate, headerSignature, recognizeHeaders } from '../../../electron/backend/import/parse/detect-layout';
import { HEADER_SYNONYMS, matchHeader, normalizeHeader } from '../../../electron/backend/import/parse/header-synonyms';
import { IMPORT_FIELDS } from '../../../electron/backend/import/parsed-file';
import { SAMPLE_HEADER } from './helpers';

describe('header synonyms', () => {
  it('knows every field, and no name stands for two fields', () => {
    const seen = new Map<string, string>();
    for (const field of IMPORT_FIELDS) {
      expect(HEADER_SYNONYMS[field].length, field).toBeGreaterThan(0);
      for (const name of HEADER_SYNONYMS[field]) {
        const key = normalizeHeader(name);
        expect(seen.get(key) ?? field, `${name} is listed for ${seen.get(key)} and ${field}`).toBe(field);
        seen.set(key, field);
        expect(matchHeader(name)?.field).toBe(field);
      }
    }
  });

  it('matches the names different banks and versions use', () => {
    for (const name of ['客户名称', '借款人姓名', '户名', '借款人', '客户姓名']) expect(matchHeader(name)?.field, name).toBe('name');
    for (const name of ['余额', '贷款余额', '贷款余额(元)', '贷款余额（元）', '借据余额', '贷款余额[元]']) expect(matchHeader(name)?.field, name).toBe('balance');
    for (const name of ['贷款账号', '借据号', '借据编号', '贷款借据号', '借据账号']) expect(matchHeader(name)?.field, name).toBe('loanNo');
    for (const name of ['年利率%', '年利率', '年利率(%)', '年利率（％）', '执行利率', '执行年利率']) expect(matchHeader(name)?.field, name).toBe('annualRate');
    expect(matchHeader('五级分类')?.field).toBe('riskClass');
    expect(matchHeader('管户经理')?.field).toBe('manager');
    expect(matchHeader('所属村')?.field).toBe('village');
    expect(matchHeader('村')?.field).toBe('village');
  });

  it('ignores spaces, full-width forms, case and a required-field star', () => {
    expect(matchHeader(' 借 据 号 ')?.field).toBe('loanNo');
    expect(matchHeader('借据号\u3000')?.field).toBe('loanNo');
    expect(matchHeader('借据号*')?.field).toBe('loanNo');
    expect(matchHeader('贷款余额（元）：')?.field).toBe('balance');
    expect(normalizeHeader('贷款余额（元）')).toBe('贷款余额(元)');
    expect(normalizeHeader('ＡＢＣ Ｄ')).toBe('abcd');
  });

  it('matches whole names only, and never a 万元 amount as 元', () => {
    expect(matchHeader('客户经理')?.field).toBe('manager'); // not 客户…
    expect(matchHeader('贷款余额(万元)')).toBeNull();
    expect(matchHeader('担保人身份证号')).toBeNull();
    expect(matchHeader('序号')).toBeNull();
    expect(matchHeader('')).toBeNull();
  });
});

describe('detectLayout', () => {
  const meta = ['机构：林家坪支行    数据日期：2026-10-31    单位：元'];

  it('finds the header below a title and a meta row', () => {
    const rows = [['某农村商业银行 林家坪支行 贷款台账'], meta, SAMPLE_HEADER, ['1', '林家坪支行']];
    const found = detectLayout(rows);
    expect(found.kind).toBe('found');
    if (found.kind !== 'found') return;
    expect(found.source).toBe('auto');
    expect(found.layout.headerIndex).toBe(2);
    expect(found.layout.mapping).toMatchObject({ name: 3, residentId: 4, phone: 5, address: 6, loanNo: 7, balance: 14 });
    expect(found.layout.mapping).not.toHaveProperty('village');
    expect(found.layout.headerSignature).toBe(SAMPLE_HEADER.map(normalizeHeader).join('|'));
  });

  it('reads another bank\'s header, with units in full-width brackets', () => {
    const header = ['借据编号', '户名', '证件号码', '联系电话', '乡镇', '行政村', '贷款余额（元）', '发放日期', '到期日期', '年利率(%)', '五级分类'];
    const found = detectLayout([['贷款明细表'], [], header]);
    expect(found).toMatchObject({
      kind: 'found',
      layout: { headerIndex: 2, mapping: { loanNo: 0, name: 1, residentId: 2, phone: 3, township: 4, village: 5, balance: 6, disbursedOn: 7, maturityOn: 8, annualRate: 9, riskClass: 10 } },
    });
  });

  it('prefers the better name when two columns name one field', () => {
    expect(recognizeHeaders(['联系电话', '手机号', '借据号']).mapping).toEqual({ phone: 1, loanNo: 2 });
    expect(recognizeHeaders(['手机号', '手机号码']).mapping).toEqual({ phone: 0 });
  });

  it('needs the loan number, the name and the balance', () => {
    const rows = [['借据号', '姓名', '住址', '到期日'], ['L1', '张三', 'x', '2026-01-01']];
    expect(detectLayout(rows)).toEqual({ kind: 'not-found', headerIndex: 0, headerSignature: '借据号|姓名|住址|到期日', mapping: { loanNo: 0, name: 1, address: 2, maturityOn: 3 } });
  });

  it('guesses the row with most text when nothing is recognised', () => {
    const rows = [['报表'], ['Acct', 'Name', 'Bal'], ['1', 'x', '5']];
    expect(detectLayout(rows)).toEqual({ kind: 'not-found', headerIndex: 1, headerSignature: 'acct|name|bal', mapping: {} });
    expect(detectLayout([])).toEqual({ kind: 'not-found', headerIndex: null, headerSignature: null, mapping: {} });
  });

  it('uses a saved profile for the exact header it was saved for, before the automatic match', () => {
    const rows = [['title'], ['Acct', 'Name', 'Bal', '余额'], ['L1', 'x', '5', '6']];
    const profile = { headerSignature: 'acct|name|bal|余额', mapping: { loanNo: 0, name: 1, balance: 2 } };
    expect(detectLayout(rows, [profile])).toEqual({ kind: 'found', source: 'profile', layout: { headerIndex: 1, mapping: profile.mapping, headerSignature: profile.headerSignature } });
    expect(detectLayout(rows, [{ ...profile, headerSignature: 'other' }]).kind).toBe('not-found');
    expect(detectLayout(rows, [{ ...profile, mapping: { loanNo: 0 } }]).kind).toBe('not-found'); // unusable mapping
  });

  it('only looks at the first 20 rows for the header', () => {
    const rows = [...Array.from({ length: 20 }, () => ['x']), ['借据号', '姓名', '余额']];
    expect(detectLayout(rows).kind).toBe('not-found');
    expect(detectLayout(rows.slice(1)).kind).toBe('found');
  });

  it('signs a header by its normalised cells, trailing empty cells dropped', () => {
    expect(headerSignature([' 借据号 ', '贷款余额（元）', null, '', null])).toBe('借据号|贷款余额(元)');
    expect(headerSignature(['a', null, 'b'])).toBe('a||b');
    expect(headerSignature([])).toBe('');
  });
});

describe('findAsOfDate', () => {
  const at = (...above: unknown[][]) => findAsOfDate([...above, ['借据号']], above.length);

  it('reads the date of the meta row', () => {
    expect(at(['某农村商业银行 林家坪支行 贷款台账'], ['机构：林家坪支行    数据日期：2026-10-31    单位：元'])).toBe('2026-10-31');
  });

  it('reads 截至… and other written forms', () => {
    expect(at(['贷款明细（截至2026年10月31日）'])).toBe('2026-10-31');
    expect(at(['统计日期: 2026/10/31'])).toBe('2026-10-31');
    expect(at(['报表日期：２０２６．１０．３１'])).toBe('2026-10-31');
    expect(at(['数据日期 20261031'])).toBe('2026-10-31');
    expect(at(['日期：2026-9-30'])).toBe('2026-09-30');
  });

  it('takes a lone date when nothing labels one', () => {
    expect(at(['林家坪支行贷款台账'], ['2026/10/31'])).toBe('2026-10-31');
  });

  it('reads a label cell followed by a date cell, an Excel date number included', () => {
    expect(at(['数据日期：', null, 46326])).toBe('2026-10-31');
    expect(at(['截至日期', '2026-10-31'])).toBe('2026-10-31');
  });

  it('prefers the data date to a print date, and never takes the print date', () => {
    expect(at(['打印日期：2026-11-02', '数据日期：2026-10-31'])).toBe('2026-10-31');
    expect(at(['打印日期：2026-11-02'])).toBeNull();
  });

  it('gives null without a date, for impossible dates, and for rows below the header', () => {
    expect(at(['林家坪支行贷款台账'])).toBeNull();
    expect(at(['数据日期：2026-02-30'])).toBeNull();
    expect(findAsOfDate([['借据号'], ['数据日期：2026-10-31']], 0)).toBeNull();
  });
});
