import { createHash } from 'node:crypto';
import type { WriteContext } from '../changelog/write-context';
import { AppError } from '../rpc/app-error';

/**
 * Records a printed paper in printed_documents: kind, its number (null when it has none, or for
 * a reprint: (kind, doc_no) is unique), a title, the figures as printed, the PDF's SHA-256, who.
 */
export async function recordPrint(
  w: WriteContext,
  doc: { kind: string; docNo: string | null; title: string; figures: unknown; pdf: Uint8Array },
): Promise<{ id: string; sha256: string }> {
  if (doc.docNo !== null) {
    // Two first prints of one numbered paper at once: both rendered it as the original. The later
    // one is refused here and its PDF never handed out, so only one original exists.
    const earlier = await w.trx.selectFrom('printed_documents').select('id').where('kind', '=', doc.kind).where('doc_no', '=', doc.docNo).executeTakeFirst();
    if (earlier) {
      throw new AppError('PRINTED_MEANWHILE', `${doc.docNo} 刚刚已由他人打印原件。请再点一次打印，将打出重印件。`, `${doc.kind} ${doc.docNo} was first printed by another call meanwhile`);
    }
  }
  const sha256 = createHash('sha256').update(doc.pdf).digest('hex');
  const row = await w.insert('printed_documents', {
    kind: doc.kind,
    doc_no: doc.docNo,
    title: doc.title,
    figures_json: JSON.stringify(doc.figures),
    pages: null,
    sha256,
    actor_id: w.actor.id,
    actor_name: w.actor.name,
  });
  return { id: row.id, sha256 };
}
