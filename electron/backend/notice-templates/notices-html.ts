/**
 * Notices on paper: one HTML document, each notice on one sheet of its paper (A4 or A5), in the
 * order given. A sheet is the letterhead, the number at the top right, the title, the addressee,
 * the wording filled in, the space for the seal and the date; papers with a receipt get a cut
 * line and the receipt below it on the same sheet, with the number as text and as a Code 128
 * barcode of the scan code. Each sheet has a fixed height and its font sizes are chosen so that
 * its text fits: a long name or wording makes the type smaller, never a second page.
 */
import { KINDS_WITH_RECEIPT, type Letterhead, type NoticeFigures, type TemplateWording } from '../../shared/notices';
import { escapeHtml as e } from '../print/html-escape';
import type { PdfOptions } from '../print/pdf-renderer';
import { code128Svg } from './barcode';
import { organisationName } from './letterhead';
import { emWidth, fitFontPt, type TextBox } from './fit-text';
import { paperCss, paperGeometry, paperOptions, printDocument, HEI, MONO, SERIF, type Paper, type PaperGeometry } from './paper';
import { addressLine, BLANK, chineseDate, fillLine, fillPlain, noticeValues, paragraphs, type PlaceholderValues } from './placeholders';

/** Sizes in mm and pt of one paper's layout; A5 is A4 scaled down. */
interface Layout {
  orgPt: number;
  smallPt: number;
  titlePt: number;
  /** Letterhead, number and title together, before their text wraps. */
  headMm: number;
  signMm: number;
  sealMm: number;
  cutMm: number;
  receiptMm: number;
  /** The receipt's heading, number line and foot (signature lines and barcode). */
  receiptFixedMm: number;
  barcodeMm: { w: number; h: number };
  bodySizes: readonly number[];
  receiptSizes: readonly number[];
}

const LAYOUTS: Record<Paper, Layout> = {
  A4: {
    orgPt: 15,
    smallPt: 9,
    titlePt: 20,
    headMm: 36,
    signMm: 34,
    sealMm: 30,
    cutMm: 8,
    receiptMm: 84,
    receiptFixedMm: 42,
    barcodeMm: { w: 52, h: 12 },
    bodySizes: [13, 12.5, 12, 11.5, 11, 10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6],
    receiptSizes: [11, 10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6],
  },
  A5: {
    orgPt: 12,
    smallPt: 7.5,
    titlePt: 15,
    headMm: 27,
    signMm: 25,
    sealMm: 22,
    cutMm: 6,
    receiptMm: 66,
    receiptFixedMm: 35,
    barcodeMm: { w: 46, h: 10 },
    bodySizes: [11, 10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6, 5.5],
    receiptSizes: [9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6, 5.5],
  },
};

const LINE_HEIGHT = 1.75;
const RECEIPT_LINE_HEIGHT = 1.5;
const PT_MM = 25.4 / 72;

function css(g: PaperGeometry, l: Layout): string {
  return `${paperCss(g)}
body { font-family: ${SERIF}; color: #000; }
.sheet { display: flex; flex-direction: column; }
.notice { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; overflow: hidden; }
.lh { text-align: center; border-bottom: 0.8mm double #000; padding-bottom: 1.2mm; }
.lh .org { font-family: ${HEI}; font-size: ${l.orgPt}pt; letter-spacing: 0.08em; }
.lh .addr { font-size: ${l.smallPt}pt; margin-top: 0.6mm; }
.no { text-align: right; font-size: ${l.smallPt + 1}pt; margin-top: 1.5mm; }
h1 { font-family: ${HEI}; font-weight: bold; text-align: center; font-size: ${l.titlePt}pt; letter-spacing: 0.12em; margin: 1.5mm 0 2.5mm; }
.body { flex: 1 1 auto; min-height: 0; overflow: hidden; line-height: ${LINE_HEIGHT}; text-align: justify; overflow-wrap: anywhere; }
.body p { margin: 0 0 0.4em; text-indent: 2em; }
.body p.to { text-indent: 0; }
.f { text-decoration: underline; text-underline-offset: 0.5mm; }
.bad { color: #c00; background: #fee; }
.sign { flex: 0 0 ${l.signMm}mm; font-size: ${l.smallPt + 3}pt; display: flex; justify-content: flex-end; align-items: center; gap: 4mm; overflow: hidden; }
.seal { flex: 0 0 ${l.sealMm}mm; height: ${l.sealMm}mm; border: 0.3mm dashed #999; border-radius: 50%; color: #999; font-size: ${l.smallPt}pt; display: flex; align-items: center; justify-content: center; }
.sign .who { text-align: center; max-width: 60%; }
.sign .date { margin-top: 2mm; }
.cut { flex: 0 0 ${l.cutMm}mm; display: flex; align-items: center; font-size: ${l.smallPt}pt; color: #333; }
.cut::before, .cut::after { content: ''; flex: 1; border-top: 0.3mm dashed #000; }
.cut span { padding: 0 2mm; }
.receipt { flex: 0 0 ${l.receiptMm}mm; display: flex; flex-direction: column; overflow: hidden; }
.receipt .rh { font-family: ${HEI}; text-align: center; font-size: ${l.smallPt + 4}pt; letter-spacing: 0.6em; }
.receipt .rno { font-size: ${l.smallPt + 0.5}pt; margin: 1mm 0; overflow-wrap: anywhere; }
.receipt .rt { flex: 1 1 auto; min-height: 0; overflow: hidden; line-height: ${RECEIPT_LINE_HEIGHT}; overflow-wrap: anywhere; }
.receipt .rt p { margin: 0; text-indent: 2em; }
.receipt .rf { flex: 0 0 auto; display: flex; justify-content: space-between; align-items: flex-end; gap: 3mm; font-size: ${l.smallPt + 1}pt; }
.receipt .lines div { margin-top: 2.2mm; white-space: nowrap; }
.receipt .thumb { flex: 0 0 auto; width: ${l.barcodeMm.h + 4}mm; height: ${l.barcodeMm.h + 4}mm; border: 0.3mm solid #666; font-size: ${l.smallPt - 1}pt; color: #666; display: flex; align-items: center; justify-content: center; text-align: center; }
.bc { flex: 0 0 auto; text-align: center; }
.bc .bars { display: block; width: ${l.barcodeMm.w}mm; height: ${l.barcodeMm.h}mm; margin: 0 auto; }
.bc .sc { font-family: ${MONO}; font-size: ${l.smallPt}pt; letter-spacing: 0.15em; margin-top: 0.5mm; }
`;
}

/** Lines the letterhead and title take beyond one each, as extra mm (a very long bank or branch name wraps). */
function headOverflowMm(g: PaperGeometry, l: Layout, org: string, addr: string, title: string): number {
  const extraLines = (text: string, pt: number) => Math.max(0, Math.ceil((emWidth(text) * pt * PT_MM) / (g.contentWidthMm * 0.96)) - 1);
  return extraLines(org, l.orgPt) * l.orgPt * PT_MM * 1.3 + extraLines(addr, l.smallPt) * l.smallPt * PT_MM * 1.3 + extraLines(title, l.titlePt) * l.titlePt * PT_MM * 1.3;
}

interface Sheet {
  letterhead: Letterhead;
  g: PaperGeometry;
  l: Layout;
  wording: TemplateWording;
  values: PlaceholderValues;
  figures: NoticeFigures;
}

function letterheadHtml({ letterhead: lh, l, g, wording, values }: Sheet, noticeNo: string): { html: string; extraMm: number } {
  const org = organisationName(lh);
  const addr = addressLine(lh);
  const title = fillPlain(wording.title, values);
  const html = `<div class="lh"><div class="org">${e(org)}</div>${addr ? `<div class="addr">${e(addr)}</div>` : ''}</div>
<div class="no">${e(noticeNo)}</div>
<h1>${fillLine(wording.title, values)}</h1>`;
  return { html, extraMm: headOverflowMm(g, l, org, addr, title) };
}

function receiptHtml(s: Sheet): string {
  const { l, g, figures: f, wording, values } = s;
  const info = [`借款人：${f.borrowerName}`, `身份证号：${f.maskedId || BLANK}`, `借据号：${f.loanNo}`];
  const paras = paragraphs(wording.receipt);
  const box: TextBox = { widthMm: g.contentWidthMm, heightMm: l.receiptMm - l.receiptFixedMm, lineHeight: RECEIPT_LINE_HEIGHT, paraGap: 0, indent: 2 };
  const pt = fitFontPt([info.join('\u3000'), ...paras.map((p) => fillPlain(p, values))], box, l.receiptSizes);
  const confirmation = f.kind === 'confirmation';
  const lines = confirmation
    ? `<div>借款人（签字）：＿＿＿＿＿＿＿＿</div><div>日期：＿＿＿＿年＿＿月＿＿日</div>`
    : `<div>签收人（签字）：＿＿＿＿＿＿\u3000与借款人关系：＿＿＿＿</div><div>签收日期：＿＿＿＿年＿＿月＿＿日</div>`;
  return `<div class="cut"><span>✂ 沿此线剪下</span></div>
<div class="receipt">
<div class="rh">${confirmation ? '回执（余额确认）' : '回执'}</div>
<div class="rno">编号：${e(f.noticeNo)}<br>${e(info.join('\u3000'))}</div>
<div class="rt" style="font-size:${pt}pt">${paras.map((p) => `<p>${fillLine(p, values)}</p>`).join('')}</div>
<div class="rf"><div class="lines">${lines}</div>${confirmation ? '<div class="thumb">按手印</div>' : ''}<div class="bc">${code128Svg(f.scanCode)}<div class="sc">${e(f.scanCode)}</div></div></div>
</div>`;
}

function noticeSheet(s: Sheet): string {
  const { l, g, figures: f, wording, values, letterhead: lh } = s;
  const withReceipt = KINDS_WITH_RECEIPT.includes(f.kind);
  const head = letterheadHtml(s, f.noticeNo);
  const to = `${f.addressee}：`;
  const paras = paragraphs(wording.body);
  const bodyMm = g.sheetMm - l.headMm - head.extraMm - l.signMm - (withReceipt ? l.cutMm + l.receiptMm : 0);
  const box: TextBox = { widthMm: g.contentWidthMm, heightMm: bodyMm, lineHeight: LINE_HEIGHT, paraGap: 0.25, indent: 2 };
  const pt = fitFontPt([to, ...paras.map((p) => fillPlain(p, values))], box, l.bodySizes);
  return `<section class="sheet">
<div class="notice">
${head.html}
<div class="body" style="font-size:${pt}pt"><p class="to">${e(to)}</p>${paras.map((p) => `<p>${fillLine(p, values)}</p>`).join('')}</div>
<div class="sign"><div class="seal">盖章处</div><div class="who"><div>${e(organisationName(lh))}（盖章）</div><div class="date">${e(chineseDate(f.issuedOn))}</div></div></div>
</div>
${withReceipt ? receiptHtml(s) : ''}
</section>`;
}

/**
 * Every notice on its own sheet, in the order given, as one self-contained document (inline CSS
 * and SVG, no scripts, no requests) with the page setup to print it with.
 */
export function noticesDocument(
  letterhead: Letterhead,
  paper: Paper,
  items: ReadonlyArray<{ wording: TemplateWording; figures: NoticeFigures }>,
): { html: string; options: PdfOptions } {
  const g = paperGeometry(paper);
  const l = LAYOUTS[paper];
  const sheets = items.map(({ wording, figures }) => noticeSheet({ letterhead, g, l, wording, figures, values: noticeValues(letterhead, figures) }));
  const title = items.length > 0 ? `${items[0].wording.title}（${items.length} 份）` : '通知书';
  return { html: printDocument(title, css(g, l), sheets), options: paperOptions(g) };
}
