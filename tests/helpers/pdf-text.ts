import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** The text of a PDF (base64) by pdftotext -layout (poppler-utils), pages separated by form feeds. */
export function pdfText(contentBase64: string, file: string): string {
  writeFileSync(file, Buffer.from(contentBase64, 'base64'));
  // To look at what the tests print: KEEP_PDF_DIR=/some/folder keeps a copy of each PDF.
  if (process.env.KEEP_PDF_DIR) writeFileSync(path.join(process.env.KEEP_PDF_DIR, path.basename(file)), Buffer.from(contentBase64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
