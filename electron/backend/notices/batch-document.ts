import type { NoticeFigures, NoticeKind, TemplateWording } from '../../shared/notices';
import type { ReadDb } from '../db/read-db';
import { readLetterhead } from '../notice-templates/letterhead';
import { noticesDocument } from '../notice-templates/notices-html';
import { readTemplate } from '../notice-templates/templates';
import type { PdfOptions } from '../print/pdf-renderer';

/**
 * The one HTML document of a batch's notices, in order, each in its kind's wording (a guarantor's
 * notice goes with the borrower's), on the paper of the batch's own kind.
 */
export async function batchDocument(db: ReadDb, batchKind: NoticeKind, figures: readonly NoticeFigures[]): Promise<{ html: string; options: PdfOptions }> {
  const letterhead = await readLetterhead(db);
  const wordings = new Map<NoticeKind, TemplateWording>();
  for (const kind of new Set([batchKind, ...figures.map((f) => f.kind)])) wordings.set(kind, await readTemplate(db, kind));
  return noticesDocument(
    letterhead,
    wordings.get(batchKind)!.paper,
    figures.map((f) => ({ wording: wordings.get(f.kind)!, figures: f })),
  );
}
