/**
 * Bytes of a text export → string. Core systems write GB18030/GBK or UTF-8, with or without a
 * BOM; Excel's "Unicode text" is UTF-16 with a BOM.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * A BOM decides the encoding; else bytes that are valid UTF-8 are UTF-8 (plain ASCII included);
 * anything else is read as GB18030, the superset of GBK and GB2312.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const bom = bomOf(bytes);
  if (bom) return { text: new TextDecoder(bom.encoding, { ignoreBOM: true }).decode(bytes.subarray(bom.length)), encoding: bom.encoding };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

function bomOf(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}
