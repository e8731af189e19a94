import { savedWordingSchema } from '../../shared/api/notice-templates';
import { todayLocal } from '../../shared/dates';
import type { Letterhead, TemplateKind, TemplateWording } from '../../shared/notices';
import { contactCardsDocument } from './contact-cards-html';
import type { ContactCard } from './contact-cards-query';
import { noticesDocument } from './notices-html';
import { sampleFigures } from './sample-figures';

const SAMPLE_HOUSEHOLDS = ['张大山', '李建国', '王秀英', '刘海平', '赵小梅', '孙红旗', '周德明', '吴春花', '郑永福', '冯建军'];

function sampleCards(): ContactCard[] {
  return SAMPLE_HOUSEHOLDS.map((household, i) => ({
    household,
    village: '刘家会村',
    address: `临县白文镇刘家会村${(i % 4) + 1}组`,
    managerName: '王志强',
    managerPhone: '13834567890',
  }));
}

/**
 * A wording being edited, filled with sample figures (a made-up loan, or a sheet of made-up
 * households for the contact card), and what saving it would refuse.
 */
export function previewTemplate(letterhead: Letterhead, kind: TemplateKind, wording: TemplateWording): { html: string; problems: string[] } {
  const check = savedWordingSchema.safeParse({ kind, ...wording });
  const problems = check.success ? [] : [...new Set(check.error.issues.map((i) => i.message))];
  const { html } =
    kind === 'contact-card'
      ? contactCardsDocument(letterhead, wording, sampleCards())
      : noticesDocument(letterhead, wording.paper, [{ wording, figures: sampleFigures(letterhead, kind, todayLocal()) }]);
  return { html, problems };
}
