import type { PrintOutcome } from '../../shared/api/register';
import type { HandlerApp } from '../rpc/handler-types';

/**
 * A finished PDF to the user: the desktop app's print preview when asked for and the host has
 * one, else the file itself (the browser build, the CLI, the tests).
 */
export async function deliverPdf(app: Pick<HandlerApp, 'viewDocument'>, pdf: Uint8Array, fileName: string, deliver: 'file' | 'preview'): Promise<PrintOutcome> {
  if (deliver === 'preview' && app.viewDocument) {
    await app.viewDocument(pdf, fileName);
    return { kind: 'preview', fileName };
  }
  return { kind: 'file', file: { fileName, mimeType: 'application/pdf', contentBase64: Buffer.from(pdf).toString('base64') } };
}
