/**
 * Placeholders filled into a template's wording, as HTML: the wording's own text and every value
 * are escaped, so a name or an address can never inject markup into the printed page.
 */
import type { Letterhead, NoticeFigures, Placeholder } from '../../shared/notices';
import { fenToChineseCapitals } from '../../shared/capitals';
import { formatYuan } from '../../shared/money';
import { escapeHtml } from '../print/html-escape';
import { branchOwnName } from './letterhead';

/** What a value that is not known prints as: a line to fill in by hand. */
export const BLANK = '＿＿＿＿';

export type PlaceholderValues = Partial<Record<Placeholder, string>>;

/** 'YYYY-MM-DD' → 2026年3月5日, as dates are written on a letter. */
export function chineseDate(date: string | null): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : BLANK;
}

/** 1234567 fen → 12,345.67元. */
export function yuanText(fen: number | null): string {
  return fen === null ? BLANK : `${formatYuan(fen)}元`;
}

function capitals(fen: number | null): string {
  return fen === null ? BLANK : fenToChineseCapitals(fen);
}

/** Letterhead-only values: what a contact card and every notice share. */
export function letterheadValues(l: Letterhead): PlaceholderValues {
  return { 银行: l.bankName, 支行: branchOwnName(l), 支行地址: l.address, 支行电话: l.phone };
}

/** 地址：… 电话：… (either left out when not set); '' when neither is. */
export function addressLine(l: Letterhead): string {
  return [l.address ? `地址：${l.address}` : '', l.phone ? `电话：${l.phone}` : ''].filter(Boolean).join('\u3000');
}

export function noticeValues(l: Letterhead, f: NoticeFigures): PlaceholderValues {
  return {
    ...letterheadValues(l),
    收件人: f.addressee,
    借款人: f.borrowerName,
    身份证号: f.maskedId,
    借据号: f.loanNo,
    合同号: f.contractNo,
    放款日: chineseDate(f.disbursedOn),
    到期日: chineseDate(f.maturityOn),
    合同金额: yuanText(f.contractAmountFen),
    合同金额大写: capitals(f.contractAmountFen),
    余额: yuanText(f.balanceFen),
    余额大写: capitals(f.balanceFen),
    逾期本金: yuanText(f.overduePrincipalFen),
    逾期本金大写: capitals(f.overduePrincipalFen),
    欠息: yuanText(f.interestOwedFen),
    欠息大写: capitals(f.interestOwedFen),
    逾期天数: String(f.principalOverdueDays),
    截至日: chineseDate(f.asOf),
    客户经理: f.managerName,
    客户经理电话: f.managerPhone,
    担保人: f.guarantors,
    村: f.village,
    住址: f.address,
    通知书编号: f.noticeNo,
    出具日: chineseDate(f.issuedOn),
  };
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * One line of wording as HTML: each placeholder replaced by its value (a missing or empty
 * value by a blank to fill in by hand); one the kind cannot fill is shown as written, marked.
 */
export function fillLine(text: string, values: PlaceholderValues): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    out += escapeHtml(text.slice(last, m.index));
    const name = m[1] as Placeholder;
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    out += value === undefined ? `<span class="bad">${escapeHtml(m[0])}</span>` : `<span class="f">${escapeHtml(value || BLANK)}</span>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** The wording's paragraphs (one per line; blank lines dropped), as filled text without markup, for measuring. */
export function paragraphs(text: string): string[] {
  return text
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Plain text with placeholders filled (for measuring how much room it takes). */
export function fillPlain(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (whole, name: Placeholder) => (Object.hasOwn(values, name) ? values[name] || BLANK : whole));
}
