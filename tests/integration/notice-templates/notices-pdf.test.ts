import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_IN_WORDING } from '../../../electron/backend/notice-templates/built-in-wording';
import { noticesDocument } from '../../../electron/backend/notice-templates/notices-html';
import { createChromiumPdfRenderer } from '../../../electron/backend/print/chromium-pdf-renderer';
import { fenToChineseCapitals } from '../../../electron/shared/capitals';
import { formatYuan } from '../../../electron/shared/money';
import { KINDS_WITH_RECEIPT, type Letterhead, type NoticeFigures, type TemplateWording } from '../../../electron/shared/notices';
import { makeTempDir } from '../../helpers/temp-dir';
import { code128ByPage } from './barcodes-on-page';
import { noticeFigures } from './notice-figures';

const renderer = createChromiumPdfRenderer();
const tmp = makeTempDir();
afterAll(async () => {
  await renderer.close();
  tmp.cleanup();
});

const LETTERHEAD: Letterhead = { bankName: '山西临县农村商业银行', branchName: '白文支行', address: '临县白文镇府前街12号', phone: '0358-4561234' };

/** Renders the notices through Chromium; returns the file, its page count and each page's text without whitespace. */
async function render(name: string, paper: 'A4' | 'A5', items: Array<{ wording: TemplateWording; figures: NoticeFigures }>, letterhead = LETTERHEAD) {
  const { html, options } = noticesDocument(letterhead, paper, items);
  expect(options.format).toBe(paper);
  const file = tmp.file(`${name}.pdf`);
  writeFileSync(file, await renderer.renderPdf(html, options));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const size = /Page size:.*\((\w+)\)/.exec(info)?.[1];
  const texts = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    .split('\f')
    .slice(0, pages)
    .map((t) => t.replace(/\s+/g, ''));
  return { file, pages, size, texts };
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe.each(['A4', 'A5'] as const)('notices on %s', (paper) => {
  it.each(KINDS_WITH_RECEIPT)('%s: one page per notice with its number, borrower, amounts, masked ID and receipt; the barcode reads as the scan code', async (kind) => {
    const items = Array.from({ length: 13 }, (_, i) => ({ wording: BUILT_IN_WORDING[kind], figures: noticeFigures(kind, i) }));
    const { file, pages, size, texts } = await render(`${kind}-${paper}`, paper, items);
    expect(size).toBe(paper);
    expect(pages).toBe(items.length);
    items.forEach(({ figures: f }, i) => {
      const page = texts[i];
      // The number twice: at the top right and on the receipt, below the cut line.
      expect(count(page, f.noticeNo)).toBeGreaterThanOrEqual(2);
      expect(page).toContain(f.borrowerName);
      expect(page).toContain(f.maskedId);
      expect(page).toContain(`${formatYuan(f.balanceFen)}元`);
      expect(page).toContain(fenToChineseCapitals(f.balanceFen));
      expect(page).toContain(`${formatYuan(f.interestOwedFen)}元`);
      expect(page).toContain(fenToChineseCapitals(f.interestOwedFen));
      expect(page).toContain('沿此线剪下');
      expect(page).toContain('回执');
      expect(page.lastIndexOf('回执')).toBeGreaterThan(page.indexOf('沿此线剪下'));
      expect(page).toContain(kind === 'confirmation' ? '按手印' : '签收日期');
      expect(page).toContain('盖章处');
      expect(page).toContain('山西临县农村商业银行白文支行');
      expect(page).toContain('0358-4561234');
      // Nothing of the next notice on this page.
      if (i + 1 < items.length) expect(page).not.toContain(items[i + 1].figures.noticeNo);
    });
    const barcodes = await code128ByPage(file, paper);
    expect(barcodes).toEqual(items.map(({ figures }) => [figures.scanCode]));
  });
});

it('maturity reminders (no receipt) on A5 and A4: one page each, no cut line, no barcode', async () => {
  for (const paper of ['A5', 'A4'] as const) {
    const items = Array.from({ length: 12 }, (_, i) => ({ wording: BUILT_IN_WORDING.reminder, figures: noticeFigures('reminder', i, { principalOverdueDays: 0, overduePrincipalFen: 0 }) }));
    const { file, pages, texts } = await render(`reminder-${paper}`, paper, items);
    expect(pages).toBe(12);
    items.forEach(({ figures: f }, i) => {
      for (const part of [f.noticeNo, f.borrowerName, f.maskedId, `${formatYuan(f.balanceFen)}元`, fenToChineseCapitals(f.balanceFen), '到期还款提示书']) expect(texts[i]).toContain(part);
      expect(texts[i]).not.toContain('沿此线剪下');
    });
    expect((await code128ByPage(file, paper)).every((codes) => codes.length === 0)).toBe(true);
  }
});

it('mixes kinds in the order given (a borrower’s overdue notice, then the guarantor’s)', async () => {
  const items = [0, 1, 2].flatMap((i) => [
    { wording: BUILT_IN_WORDING.overdue, figures: noticeFigures('overdue', i) },
    { wording: BUILT_IN_WORDING.guarantor, figures: noticeFigures('guarantor', i) },
  ]);
  const { pages, texts } = await render('mixed', 'A4', items);
  expect(pages).toBe(6);
  items.forEach(({ wording, figures }, i) => {
    expect(texts[i]).toContain(wording.title);
    expect(texts[i]).toContain(figures.noticeNo);
    expect(texts[i]).toContain(figures.addressee);
  });
});

describe('long names, addresses and wording never push a notice onto a second page', () => {
  const long = {
    letterhead: { bankName: '山西省临县农村商业银行股份有限公司临县白文镇及周边乡镇营业部', branchName: '白文镇中心支行营业部第二分理处联合信贷服务中心', address: '山西省吕梁市临县白文镇府前街与中心大道交叉口向东五百米路北农商银行大楼一层营业大厅'.repeat(1), phone: '0358-4561234' },
    name: '欧阳爱新觉罗·阿卜杜热合曼·买买提依明诺尔曼',
    address: '山西省吕梁市临县白文镇刘家会村第三村民小组后沟自然村石窑院东侧第二孔窑洞'.repeat(2),
  };
  const bodyAtLimit = (kind: string) =>
    Array.from({ length: 12 }, (_, n) => `第${n + 1}条：借款人{借款人}，住址{住址}，截至{截至日}尚欠本金{余额}（大写：{余额大写}），请于十日内到${kind}办理还款手续。`)
      .join('\n')
      .slice(0, 1200);
  const receiptAtLimit = `本人{借款人}（身份证号{身份证号}，住址{住址}）已收到编号为{通知书编号}的通知书，知悉截至{截至日}尚欠本金{余额}（大写：{余额大写}）、利息{欠息}（大写：{欠息大写}）。`.repeat(4).slice(0, 400);

  it.each(['A4', 'A5'] as const)('on %s', async (paper) => {
    const items = KINDS_WITH_RECEIPT.flatMap((kind) =>
      [0, 1, 2, 3].map((i) => ({
        wording: { ...BUILT_IN_WORDING[kind], paper, body: i % 2 === 0 ? bodyAtLimit('我行营业网点') : BUILT_IN_WORDING[kind].body, receipt: i < 2 ? receiptAtLimit : BUILT_IN_WORDING[kind].receipt },
        figures: noticeFigures(kind, i, { borrowerName: long.name, addressee: long.name, address: long.address, contractNo: '白文农商借字2023第0001号'.repeat(3) }),
      })),
    );
    const { file, pages, texts } = await render(`long-${paper}`, paper, items, long.letterhead);
    expect(pages).toBe(items.length);
    items.forEach(({ figures }, i) => {
      expect(texts[i]).toContain(figures.noticeNo);
      expect(texts[i]).toContain('回执');
    });
    expect(await code128ByPage(file, paper)).toEqual(items.map(({ figures }) => [figures.scanCode]));
  });
});

it('escapes what it prints: a name with markup is printed as text', async () => {
  const figures = noticeFigures('overdue', 0, { borrowerName: '<b>王大</b>&', addressee: '<script>x</script>' });
  const { html } = noticesDocument(LETTERHEAD, 'A4', [{ wording: BUILT_IN_WORDING.overdue, figures }]);
  expect(html).not.toContain('<b>王大</b>');
  expect(html).not.toContain('<script>');
  expect(html).toContain('&lt;b&gt;王大&lt;/b&gt;&amp;');
  // Self-contained: nothing to load.
  expect(html).not.toMatch(/<(img|link|script|iframe)\b|url\(|\b(src|href)=/);
});
