/**
 * Header names that core-system exports of different banks and versions use for each field.
 * Matching is exact after normalising (see normalizeHeader), never by substring, so that
 * 客户经理 does not pass for 客户 and 贷款余额(万元) is not read as 元.
 */
import { toHalfWidth } from '../../../shared/text';
import type { ImportField } from '../parsed-file';

/** Known names per field, most specific first; written as seen, normalised when the table is built. */
export const HEADER_SYNONYMS: Readonly<Record<ImportField, readonly string[]>> = {
  customerNo: ['客户编号', '客户号', '客户代码', '客户编码', '核心客户号'],
  name: ['借款人姓名', '客户名称', '户名', '借款人', '客户姓名', '借款人名称', '姓名'],
  residentId: ['身份证号码', '身份证号', '证件号码', '证件号', '身份证', '身份证件号码', '借款人身份证号'],
  phone: ['手机号', '手机号码', '联系电话', '电话', '手机', '联系方式', '电话号码', '移动电话'],
  address: ['住址', '家庭住址', '地址', '居住地址', '户籍地址', '联系地址', '家庭地址'],
  township: ['乡镇', '所属乡镇', '乡(镇)', '乡镇名称'],
  village: ['村', '行政村', '所属村', '村名', '所属行政村', '村(社区)'],
  loanNo: ['贷款账号', '借据号', '借据编号', '贷款借据号', '借据账号', '借据号码', '贷款帐号', '借据帐号'],
  contractNo: ['合同编号', '合同号', '借款合同号', '借款合同编号', '合同号码'],
  product: ['产品名称', '贷款品种', '产品', '贷款产品', '业务品种'],
  guaranteeType: ['担保类型', '担保方式', '主要担保方式'],
  guarantors: ['担保人', '保证人', '担保人姓名', '保证人姓名'],
  disbursedOn: ['放款日', '放款日期', '发放日', '发放日期', '借款日期', '贷款发放日'],
  maturityOn: ['到期日', '到期日期', '贷款到期日'],
  contractAmount: ['合同金额', '发放金额', '借款金额', '放款金额', '贷款金额'],
  balance: ['余额', '贷款余额', '借据余额', '本金余额', '当前余额'],
  annualRate: ['年利率', '执行利率', '执行年利率', '年利率(%)'],
  principalOverdueDays: ['本金逾期天数', '逾期天数'],
  interestOwed: ['欠息', '欠息金额', '累计欠息', '欠息余额'],
  interestOverdueDays: ['欠息天数', '利息逾期天数'],
  riskClass: ['风险分类', '五级分类', '风险等级', '五级分类结果'],
  manager: ['客户经理', '管户经理', '管户人', '管户客户经理'],
};

const WHITESPACE = /\s+/g;
/**
 * What may follow a header name: a unit — (元) （元） [元] (%) % (天) — but never 万元, which
 * changes the amount; a required-field star; a colon.
 */
const TRAILING_UNIT = /(?:\((?:元|%|天)\)|\[(?:元|%|天)\]|%|\*|:)$/;

/** Header cell → comparison form: half-width, no whitespace, lower case, （）→(). */
export function normalizeHeader(cell: string): string {
  return toHalfWidth(cell).replace(WHITESPACE, '').toLowerCase();
}

/** Strips trailing units, stars and colons, in any order (贷款余额(元)：). */
function stripUnit(normalized: string): string {
  let s = normalized;
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(TRAILING_UNIT, '');
  }
  return s;
}

const LOOKUP: ReadonlyMap<string, { field: ImportField; rank: number }> = (() => {
  const map = new Map<string, { field: ImportField; rank: number }>();
  for (const [field, names] of Object.entries(HEADER_SYNONYMS) as [ImportField, readonly string[]][]) {
    names.forEach((name, rank) => {
      const key = normalizeHeader(name);
      if (!map.has(key)) map.set(key, { field, rank });
    });
  }
  return map;
})();

/** The field a header cell names and how preferred that name is (0 = best), or null. */
export function matchHeader(cell: string): { field: ImportField; rank: number } | null {
  const normalized = normalizeHeader(cell);
  if (normalized === '') return null;
  const exact = LOOKUP.get(normalized);
  if (exact) return exact;
  const bare = stripUnit(normalized);
  return bare !== normalized && bare !== '' ? (LOOKUP.get(bare) ?? null) : null;
}
