/**
 * 客户经理联系卡 on paper: ten business-card-sized cards to an A4 sheet (two columns of five),
 * each with dashed edges to cut along: the household, its village, the manager and their phone
 * (the point of the card), the branch and the template's wording.
 */
import type { Letterhead, TemplateWording } from '../../shared/notices';
import { escapeHtml as e } from '../print/html-escape';
import type { PdfOptions } from '../print/pdf-renderer';
import type { ContactCard } from './contact-cards-query';
import { organisationName } from './letterhead';
import { paperCss, paperGeometry, paperOptions, printDocument, HEI, SERIF } from './paper';
import { addressLine, BLANK, fillLine, letterheadValues, paragraphs } from './placeholders';

export const CARDS_PER_SHEET = 10;

const CARD = { w: 87, h: 53, gapX: 4, gapY: 1.5 };

function css(): string {
  return `${paperCss(paperGeometry('A4'))}
body { font-family: ${SERIF}; color: #000; }
.sheet { display: grid; grid-template-columns: ${CARD.w}mm ${CARD.w}mm; grid-auto-rows: ${CARD.h}mm; gap: ${CARD.gapY}mm ${CARD.gapX}mm; align-content: start; }
.card { box-sizing: border-box; border: 0.3mm dashed #777; padding: 2.5mm 3.5mm; overflow: hidden; display: flex; flex-direction: column; font-size: 9pt; line-height: 1.4; overflow-wrap: anywhere; }
.card .org { font-family: ${HEI}; font-size: 9pt; border-bottom: 0.3mm solid #000; padding-bottom: 0.8mm; }
.card h2 { font-family: ${HEI}; font-size: 13pt; text-align: center; letter-spacing: 0.2em; margin: 1mm 0 0.8mm; }
.card .words { font-size: 8.5pt; color: #222; flex: 0 1 auto; overflow: hidden; }
.card .who { font-size: 10pt; margin-top: 1.5mm; }
.card .mgr { font-size: 11pt; margin-top: 1.5mm; }
.card .mgr b { font-family: ${HEI}; font-size: 13pt; letter-spacing: 0.03em; }
.card .branch { margin-top: auto; font-size: 7.5pt; color: #333; }
.f { font-weight: bold; }
.bad { color: #c00; background: #fee; }
`;
}

function cardHtml(letterhead: Letterhead, wording: TemplateWording, c: ContactCard): string {
  const values = {
    ...letterheadValues(letterhead),
    收件人: c.household,
    借款人: c.household,
    村: c.village,
    住址: c.address,
    客户经理: c.managerName,
    客户经理电话: c.managerPhone,
  };
  const branch = addressLine(letterhead);
  return `<div class="card">
<div class="org">${e(organisationName(letterhead))}</div>
<h2>${fillLine(wording.title, values)}</h2>
<div class="words">${paragraphs(wording.body).map((p) => fillLine(p, values)).join('<br>')}</div>
<div class="who">户主：${e(c.household)}\u3000${e(c.village)}</div>
<div class="mgr">客户经理：${e(c.managerName || BLANK)}\u3000电话：<b>${e(c.managerPhone || BLANK)}</b></div>
${branch ? `<div class="branch">${e(branch)}</div>` : ''}
</div>`;
}

/** The cards in the order given, ten to a sheet, as one self-contained A4 document. */
export function contactCardsDocument(letterhead: Letterhead, wording: TemplateWording, cards: readonly ContactCard[]): { html: string; options: PdfOptions } {
  const sheets: string[] = [];
  for (let i = 0; i < cards.length; i += CARDS_PER_SHEET) {
    sheets.push(`<section class="sheet">${cards.slice(i, i + CARDS_PER_SHEET).map((c) => cardHtml(letterhead, wording, c)).join('')}</section>`);
  }
  return { html: printDocument(wording.title, css(), sheets), options: paperOptions(paperGeometry('A4')) };
}
