import type { FileDownload } from '../../electron/shared/api/register';

/**
 * Files in the renderer without Node: a picked File → base64 for the backend, and a backend
 * FileDownload (base64) → a download through a Blob URL.
 */

const CHUNK = 0x8000;

/** Bytes → base64, in chunks so large files do not overflow the argument list of fromCharCode. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  }
  return btoa(parts.join(''));
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** Saves a file the backend produced (export, print) through the browser's download. */
export function downloadFile(file: FileDownload): void {
  saveBlob(new Blob([base64ToBytes(file.contentBase64)], { type: file.mimeType }), file.fileName);
}

/** Saves bytes already in a Blob (a file fetched in parts) through the browser's download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
