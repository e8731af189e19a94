import { createHash } from 'node:crypto';
import type { WriteContext } from '../changelog/write-context';

/**
 * Records a printed paper in printed_documents: kind, its number (null when it has none, or for
 * a reprint: (kind, doc_no) is unique), a title, the figures as printed, the PDF's SHA-256, who.
 */
export async function recordPrint(
  w: WriteContext,
  doc: { kind: string; docNo: string | null; title: string; figures: unknown; pdf: Uint8Array },
): Promise<{ id: string; sha256: string }> {
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
