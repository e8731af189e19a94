/**
 * Bytes of a text export → string. Core systems write GB18030/GBK or UTF-8, with or without a
 * BOM; Excel's "Unicode text" is UTF-16 with a BOM.
 */
import { isUtf8 } from 'node:buffer';
import { damagedFile } from './file-limits';
import { AppError } from '../../rpc/app-error';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * A BOM decides the encoding; else bytes that are valid UTF-8 are UTF-8 (plain ASCII included);
 * else GB18030, the superset of GBK and GB2312, when no line of the file is UTF-8 text. The
 * encoding is decided for the whole file, line by line: a file whose lines are partly UTF-8 and
 * partly not (a GBK header above UTF-8 rows, files joined, a damaged byte) is refused rather than
 * read with one encoding and garbled names. A file that ends in the middle of a character was cut
 * off: it is refused as incomplete.
 */
export function decodeText(bytes: Uint8Array, fileName = '文件'): { text: string; encoding: TextEncodingName } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bomOf(buf);
  if (bom) {
    const body = buf.subarray(bom.length);
    if (bom.encoding === 'utf-8' && !isUtf8(body)) refuseBadUtf8(body, fileName, true);
    const text = decodeOrNull(bom.encoding, body);
    if (text === null) throw cutOrDamaged(fileName, body.length % 2 === 1 || decodeOrNull(bom.encoding, body.subarray(0, body.length - 2)) !== null, bom.encoding);
    return { text, encoding: bom.encoding };
  }
  if (isUtf8(buf)) return { text: buf.toString('utf8'), encoding: 'utf-8' };
  refuseBadUtf8(buf, fileName, false);
  const text = decodeOrNull('gb18030', buf);
  if (text === null) {
    const cut = [1, 2, 3].some((k) => buf.length > k && decodeOrNull('gb18030', buf.subarray(0, buf.length - k)) !== null);
    throw cutOrDamaged(fileName, cut, 'gb18030');
  }
  return { text, encoding: 'gb18030' };
}

function decodeOrNull(encoding: TextEncodingName, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Not valid UTF-8 as a whole: refused when some line is UTF-8 text (mixed encodings) or when the
 * file is UTF-8 cut in the middle of its last character. `declared`: a UTF-8 BOM said it is UTF-8.
 * Returns when the file is simply not UTF-8.
 */
function refuseBadUtf8(buf: Buffer, fileName: string, declared: boolean): void {
  let utf8Lines = 0;
  let badLines = 0;
  let firstBad = 0;
  let lastBad: { start: number; end: number } | null = null;
  let lineNo = 1;
  for (let start = 0; start < buf.length; lineNo++) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    const line = buf.subarray(start, end);
    if (hasHighBytes(line)) {
      if (isUtf8(line)) utf8Lines++;
      else {
        badLines++;
        firstBad ||= lineNo;
        lastBad = { start, end };
      }
    }
    start = end + 1;
  }
  if (!declared && utf8Lines === 0) return;
  if (badLines === 1 && lastBad && lastBad.end === buf.length && endsMidCharacter(buf.subarray(lastBad.start))) {
    throw cutOrDamaged(fileName, true, 'utf-8');
  }
  if (utf8Lines === 0) {
    throw damagedFile(fileName, `文件开头标明为 UTF-8 编码，但第 ${firstBad} 行等 ${badLines} 行不是 UTF-8，文件已损坏`, `UTF-8 BOM but ${badLines} lines are not UTF-8`);
  }
  throw new AppError(
    'MIXED_ENCODING',
    `无法导入“${fileName}”：文件中各行的编码不一致（有的行是 UTF-8，第 ${firstBad} 行等 ${badLines} 行不是），可能是拼接了不同编码的文件，或文件已损坏。请在 Excel 中打开确认后另存为 CSV 再导入。`,
    `mixed encodings in ${fileName}: ${utf8Lines} UTF-8 lines, ${badLines} others (first at line ${firstBad})`,
  );
}

function hasHighBytes(line: Uint8Array): boolean {
  for (let i = 0; i < line.length; i++) if (line[i] >= 0x80) return true;
  return false;
}

/** The line is valid UTF-8 up to an incomplete character at its very end. */
function endsMidCharacter(line: Buffer): boolean {
  for (let k = 1; k <= 3 && k <= line.length; k++) {
    const lead = line[line.length - k];
    const needed = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 0;
    if (needed > k) return isUtf8(line.subarray(0, line.length - k)) && line.subarray(line.length - k + 1).every((b) => b >= 0x80 && b <= 0xbf);
    if (lead < 0x80 || lead > 0xbf) return false;
  }
  return false;
}

function cutOrDamaged(fileName: string, cut: boolean, encoding: TextEncodingName): AppError {
  return cut
    ? damagedFile(fileName, '文件在一个字符的中间结束，不完整（可能在复制或下载时被截断）', `${encoding} text ends mid-character`)
    : damagedFile(fileName, `文件中有不能按 ${encoding.toUpperCase()} 编码读取的字节，文件已损坏`, `invalid ${encoding} bytes`);
}

function bomOf(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}
