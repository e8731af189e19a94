import type { StoredDownload } from '../../../../electron/shared/api/register';
import { call } from '../../api/client';
import { base64ToBytes } from '../../files';

/**
 * A file the backend kept (register.exportXlsxFile), fetched part by part into a Blob: no
 * single answer carries a county's register, and the browser keeps large Blobs on disk.
 */
export async function fetchStoredDownload(file: StoredDownload, signal?: AbortSignal, onBytes?: (done: number) => void): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    signal?.throwIfAborted();
    const part = await call('register.downloadPart', { downloadId: file.downloadId, offset });
    const bytes = base64ToBytes(part.contentBase64);
    parts.push(bytes);
    offset += bytes.length;
    onBytes?.(offset);
    if (part.done) break;
  }
  return new Blob(parts, { type: file.mimeType });
}
