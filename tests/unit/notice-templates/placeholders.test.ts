import { describe, expect, it } from 'vitest';
import { BUILT_IN_WORDING } from '../../../electron/backend/notice-templates/built-in-wording';
import { emWidth, fitFontPt, lineCount } from '../../../electron/backend/notice-templates/fit-text';
import { BLANK, chineseDate, fillLine, fillPlain, noticeValues, paragraphs, yuanText } from '../../../electron/backend/notice-templates/placeholders';
import { normalizeBraces, placeholdersFor, savedWordingSchema, unknownPlaceholders } from '../../../electron/shared/api/notice-templates';
import { PLACEHOLDERS, TEMPLATE_KINDS, type NoticeFigures } from '../../../electron/shared/notices';

const LETTERHEAD = { bankName: '临县农商银行', branchName: '白文支行', address: '府前街12号', phone: '0358-4561234' };

const FIGURES: NoticeFigures = {
  kind: 'overdue',
  noticeNo: '白文支行催字〔2026〕第0007号',
  scanCode: 'CS-2026-0007',
  addressee: '王大',
  addresseeRole: 'borrower',
  borrowerName: '王大',
  maskedId: '141124********1234',
  loanNo: 'H01',
  contractNo: 'HT-01',
  disbursedOn: '2024-03-05',
  maturityOn: null,
  contractAmountFen: null,
  balanceFen: 1_000_005,
  overduePrincipalFen: 1_000_005,
  interestOwedFen: 12_050,
  principalOverdueDays: 45,
  asOf: '2026-11-30',
  issuedOn: '2026-12-02',
  managerName: '王经理',
  managerPhone: '',
  village: '刘家会村',
  address: '临县白文镇刘家会村2组',
  guarantors: '',
};

describe('placeholder values', () => {
  it('fills every placeholder of a notice: amounts in figures and capitals, dates in Chinese, unknown values as a blank', () => {
    const v = noticeValues(LETTERHEAD, FIGURES);
    expect(Object.keys(v).sort()).toEqual([...PLACEHOLDERS].sort());
    expect(v).toMatchObject({
      余额: '10,000.05元',
      余额大写: '壹万元零伍分',
      欠息: '120.50元',
      欠息大写: '壹佰贰拾元伍角',
      放款日: '2024年3月5日',
      到期日: BLANK,
      合同金额: BLANK,
      合同金额大写: BLANK,
      逾期天数: '45',
      通知书编号: '白文支行催字〔2026〕第0007号',
      支行电话: '0358-4561234',
      身份证号: '141124********1234',
    });
    expect(chineseDate('2026-12-02')).toBe('2026年12月2日');
    expect(yuanText(0)).toBe('0.00元');
  });

  it('fills a line as escaped HTML; empty values print a blank, placeholders it cannot fill stay marked', () => {
    const values = { ...noticeValues(LETTERHEAD, FIGURES), 借款人: '<王&大>' };
    expect(fillLine('致{借款人}：欠{余额}，电话{客户经理电话}{未知}<i>', values)).toBe(
      `致<span class="f">&lt;王&amp;大&gt;</span>：欠<span class="f">10,000.05元</span>，电话<span class="f">${BLANK}</span><span class="bad">{未知}</span>&lt;i&gt;`,
    );
    expect(fillPlain('{借款人}欠{余额大写}{未知}', values)).toBe('<王&大>欠壹万元零伍分{未知}');
    // Inherited object keys are not placeholders.
    expect(fillLine('{constructor}{toString}', values)).toBe('<span class="bad">{constructor}</span><span class="bad">{toString}</span>');
  });

  it('splits wording into paragraphs by line, dropping blank lines', () => {
    expect(paragraphs('  第一段\n\n 第二段 \n')).toEqual(['第一段', '第二段']);
  });
});

describe('placeholder validation', () => {
  it('names each unknown placeholder once, in order; full-width braces count as braces', () => {
    expect(unknownPlaceholders('{借款人}{姓名}{余额}{姓名}｛金额｝{}', 'overdue')).toEqual(['{姓名}', '{金额}', '{}']);
    expect(normalizeBraces('｛借款人｝')).toBe('{借款人}');
    expect(unknownPlaceholders('{客户经理}{客户经理电话}{余额}{借据号}', 'contact-card')).toEqual(['{余额}', '{借据号}']);
    for (const kind of TEMPLATE_KINDS) expect(placeholdersFor(kind).every((p) => (PLACEHOLDERS as readonly string[]).includes(p))).toBe(true);
  });

  it('every built-in wording passes the checks a saved wording must pass', () => {
    for (const kind of TEMPLATE_KINDS) {
      const parsed = savedWordingSchema.safeParse({ kind, ...BUILT_IN_WORDING[kind] });
      expect(parsed.success, `${kind}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it('refuses with the field and a message naming the placeholders', () => {
    const parsed = savedWordingSchema.safeParse({ kind: 'guarantor', paper: 'A4', title: '{标题}', body: '{借款人}{担保人姓名}', receipt: '收到' });
    expect(parsed.success).toBe(false);
    const issues = parsed.error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual([
      ['title', expect.stringContaining('{标题}')],
      ['body', expect.stringContaining('{担保人姓名}')],
    ]);
  });
});

describe('fitting text', () => {
  it('counts CJK as one em and Latin as about half; lines include the first-line indent', () => {
    expect(emWidth('王大')).toBe(2);
    expect(emWidth('12,345.67')).toBeCloseTo(9 * 0.56);
    expect(lineCount(['一'.repeat(38)], 40, 2)).toBe(1);
    expect(lineCount(['一'.repeat(39), ''], 40, 2)).toBe(3);
  });

  it('chooses the largest size at which the text fits, the smallest when none does', () => {
    const box = { widthMm: 170, heightMm: 100, lineHeight: 1.75, paraGap: 0, indent: 2 };
    const sizes = [12, 10, 8, 6];
    expect(fitFontPt(['短'], box, sizes)).toBe(12);
    expect(fitFontPt(['长'.repeat(900)], box, sizes)).toBe(8);
    expect(fitFontPt(['长'.repeat(20_000)], box, sizes)).toBe(6);
  });
});
