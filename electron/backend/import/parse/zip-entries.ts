/**
 * An .xlsx is a zip. Before SheetJS sees one, every entry is checked here: the central directory
 * against each local header (and data descriptor), the sizes against the limits and against the
 * packed size (a zip bomb unzips a thousandfold), and the unzipped bytes against the entry's
 * CRC-32. A workbook that fails is refused as damaged: a flipped byte that SheetJS reads anyway
 * changes balances, drops rows, or sends its inflater into an endless loop.
 *
 * Node's zlib inflates (native, bounded by maxOutputLength); SheetJS then gets the entries stored
 * without compression (stored-zip.ts), so that its own inflater never runs.
 */
import { createInflateRaw, crc32, inflateRawSync } from 'node:zlib';
import { damagedFile, FILE_LIMITS, tooLarge } from './file-limits';

export interface ZipEntry {
  name: string;
  data: Buffer;
  crc: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_END64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const STORED = 0;
const TRUNCATED = '文件不完整，可能在复制或下载时被截断';
const DEFLATED = 8;

interface CentralRecord {
  name: string;
  rawName: Buffer;
  versionNeeded: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  packed: number;
  size: number;
  localOffset: number;
}

class Reader {
  constructor(
    readonly buf: Buffer,
    readonly fileName: string,
  ) {}

  damaged(detail: string, what = '工作簿（.xlsx）的压缩结构有误，文件已损坏'): never {
    throw damagedFile(this.fileName, what, detail);
  }

  need(offset: number, length: number, what: string): void {
    if (offset < 0 || length < 0 || offset + length > this.buf.length) this.damaged(`${what} at ${offset}+${length} is outside the file (${this.buf.length} bytes)`, TRUNCATED);
  }

  u16(o: number): number {
    return this.buf.readUInt16LE(o);
  }

  u32(o: number): number {
    return this.buf.readUInt32LE(o);
  }

  u64(o: number): number {
    const v = this.buf.readBigUInt64LE(o);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) this.damaged(`64-bit field at ${o} too large`);
    return Number(v);
  }
}

/** The entries of a zip, each checked and unzipped. Throws DAMAGED_FILE or FILE_TOO_LARGE. */
export function readZipEntries(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const { r, records, cdOffset } = readDirectory(bytes, fileName);
  const spans: Array<[number, number, string]> = [];
  const entries: ZipEntry[] = [];
  for (const rec of records) {
    const { dataStart, end } = checkLocalHeader(r, rec, cdOffset);
    spans.push([rec.localOffset, end, rec.name]);
    entries.push({ name: rec.name, data: unpack(r, rec, dataStart), crc: rec.crc });
  }
  checkOverlaps(r, spans);
  return entries;
}

/** Where an entry's packed bytes are, once checked. */
export interface CheckedEntry {
  name: string;
  dataStart: number;
  packed: number;
  size: number;
  method: number;
}

/** An entry up to this size is unzipped at once; a larger one (a sheet, the shared strings) in chunks. */
const WHOLE_ENTRY_BYTES = 1024 * 1024;

/**
 * The same checks as readZipEntries, in the same order, without keeping what is unzipped: only
 * the entries `keep` names (small parts: the workbook, its relationships) come back whole; the
 * chunks of every other entry are shown to `watch` (if it asks for them) and dropped. The
 * entries can then be unzipped again, as a stream, by entryChunks.
 */
export async function checkZipEntries(
  bytes: Uint8Array,
  fileName: string,
  keep: (name: string) => boolean,
  watch: (name: string) => ((chunk: Buffer) => void) | null = () => null,
): Promise<{ entries: Map<string, CheckedEntry>; kept: Map<string, Buffer> }> {
  const { r, records, cdOffset } = readDirectory(bytes, fileName);
  const spans: Array<[number, number, string]> = [];
  const entries = new Map<string, CheckedEntry>();
  const kept = new Map<string, Buffer>();
  for (const rec of records) {
    const { dataStart, end } = checkLocalHeader(r, rec, cdOffset);
    spans.push([rec.localOffset, end, rec.name]);
    if (rec.size <= WHOLE_ENTRY_BYTES || keep(rec.name)) {
      const data = unpack(r, rec, dataStart);
      if (keep(rec.name)) kept.set(rec.name, data);
      watch(rec.name)?.(data);
    } else {
      await unpackInChunks(r, rec, dataStart, watch(rec.name));
    }
    entries.set(rec.name, { name: rec.name, dataStart, packed: rec.packed, size: rec.size, method: rec.method });
  }
  checkOverlaps(r, spans);
  return { entries, kept };
}

/** An entry checked by checkZipEntries, unzipped again chunk by chunk (the native inflater runs off this thread). */
export async function* entryChunks(bytes: Uint8Array, entry: CheckedEntry): AsyncGenerator<Buffer> {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const packed = buf.subarray(entry.dataStart, entry.dataStart + entry.packed);
  if (entry.method === STORED) {
    for (let p = 0; p < packed.length; p += CHUNK_BYTES) yield packed.subarray(p, p + CHUNK_BYTES);
    return;
  }
  const inflater = createInflateRaw({ chunkSize: CHUNK_BYTES });
  inflater.end(packed);
  for await (const chunk of inflater) yield chunk as Buffer;
}

const CHUNK_BYTES = 256 * 1024;

function readDirectory(bytes: Uint8Array, fileName: string): { r: Reader; records: CentralRecord[]; cdOffset: number } {
  const r = new Reader(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName);
  const { cdOffset, cdSize, count } = readEnd(r);
  const records = readCentralDirectory(r, cdOffset, cdSize, count);

  let total = 0;
  for (const rec of records) {
    if (rec.size > FILE_LIMITS.unzippedBytes) throw tooLarge(fileName, '工作簿中的一个部分解压后超过 768 MB', `${rec.name} unzips to ${rec.size} bytes`);
    if (rec.size > FILE_LIMITS.zipRatioFreeBytes && rec.size > rec.packed * FILE_LIMITS.zipRatio) {
      throw tooLarge(fileName, '工作簿解压后的大小与文件大小极不相称（疑似“压缩炸弹”）', `${rec.name} unzips ${rec.packed} → ${rec.size} bytes`);
    }
    total += rec.size;
    if (total > FILE_LIMITS.unzippedBytes) throw tooLarge(fileName, '工作簿解压后超过 768 MB', `unzipped total over ${FILE_LIMITS.unzippedBytes} bytes`);
  }
  return { r, records, cdOffset };
}

/** Entries that share bytes are a crafted file (one way to build a zip bomb), never a written one. */
function checkOverlaps(r: Reader, spans: Array<[number, number, string]>): void {
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) if (spans[i][0] < spans[i - 1][1]) r.damaged(`entries ${spans[i - 1][2]} and ${spans[i][2]} overlap`);
}

/** The end-of-central-directory record (and its ZIP64 form): where the directory is and how many entries it lists. */
function readEnd(r: Reader): { cdOffset: number; cdSize: number; count: number } {
  const { buf } = r;
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    // The record's comment must reach exactly to the end of the file.
    if (buf.readUInt32LE(i) === SIG_END && i + 22 + buf.readUInt16LE(i + 20) === buf.length) {
      end = i;
      break;
    }
  }
  if (end < 0) r.damaged('no end of central directory record', TRUNCATED);
  const disk = r.u16(end + 4);
  const cdDisk = r.u16(end + 6);
  const onDisk = r.u16(end + 8);
  let count = r.u16(end + 10);
  let cdSize = r.u32(end + 12);
  let cdOffset = r.u32(end + 16);
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) r.damaged(`multi-disk fields ${disk}/${cdDisk}/${onDisk}/${count}`);
  let cdEnd = end;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = end - 20;
    r.need(loc, 20, 'ZIP64 locator');
    if (r.u32(loc) !== SIG_END64_LOCATOR || r.u32(loc + 4) !== 0 || r.u32(loc + 16) !== 1) r.damaged('bad ZIP64 locator');
    const e64 = r.u64(loc + 8);
    r.need(e64, 56, 'ZIP64 end record');
    if (r.u32(e64) !== SIG_END64 || e64 + 12 + r.u64(e64 + 4) !== loc) r.damaged('bad ZIP64 end record');
    if (r.u32(e64 + 16) !== 0 || r.u32(e64 + 20) !== 0 || r.u64(e64 + 24) !== r.u64(e64 + 32)) r.damaged('ZIP64 multi-disk fields');
    count = r.u64(e64 + 32);
    cdSize = r.u64(e64 + 40);
    cdOffset = r.u64(e64 + 48);
    cdEnd = e64;
  }
  if (cdOffset + cdSize !== cdEnd) r.damaged(`central directory ${cdOffset}+${cdSize} does not end at ${cdEnd}`);
  if (count > FILE_LIMITS.zipEntries) throw tooLarge(r.fileName, `工作簿中的部分过多（${count} 个）`, `${count} zip entries`);
  return { cdOffset, cdSize, count };
}

function readCentralDirectory(r: Reader, cdOffset: number, cdSize: number, count: number): CentralRecord[] {
  const records: CentralRecord[] = [];
  const names = new Set<string>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    r.need(p, 46, 'central directory entry');
    if (r.u32(p) !== SIG_CENTRAL) r.damaged(`no central directory entry at ${p}`);
    const versionMadeBy = r.u16(p + 4);
    const flags = r.u16(p + 8);
    const method = r.u16(p + 10);
    const nameLen = r.u16(p + 28);
    const extraLen = r.u16(p + 30);
    const commentLen = r.u16(p + 32);
    const internalAttrs = r.u16(p + 36);
    r.need(p + 46, nameLen + extraLen + commentLen, 'central directory entry');
    // The version of the spec that made the entry (low byte) is at most 6.3; internal attributes define bit 0 only.
    if ((versionMadeBy & 0xff) > 63 || (internalAttrs & ~0x0003) !== 0) r.damaged(`implausible central directory fields at ${p}`);
    const rawName = r.buf.subarray(p + 46, p + 46 + nameLen);
    const rec: CentralRecord = {
      name: rawName.toString(flags & 0x0800 ? 'utf8' : 'latin1'),
      rawName,
      versionNeeded: r.u16(p + 6),
      flags,
      method,
      time: r.u16(p + 12),
      date: r.u16(p + 14),
      crc: r.u32(p + 16),
      packed: r.u32(p + 20),
      size: r.u32(p + 24),
      localOffset: r.u32(p + 42),
    };
    let diskStart = r.u16(p + 34);
    const zip64 = extraField(r, p + 46 + nameLen, extraLen, 0x0001);
    if (zip64) {
      let q = zip64.start;
      const take = (): number => {
        if (q + 8 > zip64.end) r.damaged(`short ZIP64 field in ${rec.name}`);
        const v = r.u64(q);
        q += 8;
        return v;
      };
      if (rec.size === 0xffffffff) rec.size = take();
      if (rec.packed === 0xffffffff) rec.packed = take();
      if (rec.localOffset === 0xffffffff) rec.localOffset = take();
      if (diskStart === 0xffff) {
        if (q + 4 > zip64.end) r.damaged(`short ZIP64 field in ${rec.name}`);
        diskStart = r.u32(q);
      }
    }
    if (diskStart !== 0) r.damaged(`${rec.name} starts on disk ${diskStart}`);
    if (flags & FLAG_ENCRYPTED) r.damaged(`${rec.name} is encrypted`, '工作簿中的内容被加密，无法读取');
    if (method !== STORED && method !== DEFLATED) r.damaged(`${rec.name} uses compression method ${method}`, `工作簿使用了不支持的压缩方式（${method}）`);
    if (method === STORED && rec.packed !== rec.size) r.damaged(`stored entry ${rec.name} has ${rec.packed} ≠ ${rec.size} bytes`);
    if (names.has(rec.name)) r.damaged(`entry ${rec.name} appears twice`);
    names.add(rec.name);
    records.push(rec);
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (p !== cdOffset + cdSize) r.damaged(`central directory entries end at ${p}, not ${cdOffset + cdSize}`);
  return records;
}

/** The extra fields must tile their area exactly; returns the data of the one with `id`, if any. */
function extraField(r: Reader, start: number, length: number, id: number): { start: number; end: number } | null {
  let found: { start: number; end: number } | null = null;
  let q = start;
  const end = start + length;
  while (q < end) {
    if (q + 4 > end) r.damaged(`extra field header at ${q} runs past its area`);
    const size = r.u16(q + 2);
    if (q + 4 + size > end) r.damaged(`extra field at ${q} runs past its area`);
    if (r.u16(q) === id) found = { start: q + 4, end: q + 4 + size };
    q += 4 + size;
  }
  return found;
}

/** The local header repeats the central directory's fields: a byte changed in either shows as a difference. */
function checkLocalHeader(r: Reader, rec: CentralRecord, cdOffset: number): { dataStart: number; end: number } {
  const p = rec.localOffset;
  r.need(p, 30, `local header of ${rec.name}`);
  const bad = (what: string): never => r.damaged(`local header of ${rec.name} at ${p}: ${what}`);
  if (r.u32(p) !== SIG_LOCAL) bad('no signature');
  if (r.u16(p + 4) !== rec.versionNeeded || r.u16(p + 6) !== rec.flags || r.u16(p + 8) !== rec.method) bad('version, flags or method differ');
  if (r.u16(p + 10) !== rec.time || r.u16(p + 12) !== rec.date) bad('time or date differ');
  const nameLen = r.u16(p + 26);
  const extraLen = r.u16(p + 28);
  r.need(p + 30, nameLen + extraLen, `local header of ${rec.name}`);
  if (!r.buf.subarray(p + 30, p + 30 + nameLen).equals(rec.rawName)) bad('name differs');
  const zip64 = extraField(r, p + 30 + nameLen, extraLen, 0x0001);
  let crc = r.u32(p + 14);
  let packed = r.u32(p + 18);
  let size = r.u32(p + 22);
  if (zip64 && (size === 0xffffffff || packed === 0xffffffff)) {
    if (zip64.end - zip64.start < 16) bad('short ZIP64 field');
    size = r.u64(zip64.start);
    packed = r.u64(zip64.start + 8);
  }
  const dataStart = p + 30 + nameLen + extraLen;
  let end = dataStart + rec.packed;
  if (end > cdOffset) r.damaged(`data of ${rec.name} runs into the central directory`, TRUNCATED);
  if (rec.flags & FLAG_DESCRIPTOR) {
    // Written while streaming: the header may hold zeros, the data descriptor after the data holds the values.
    if ((crc !== 0 || packed !== 0 || size !== 0) && (crc !== rec.crc || packed !== rec.packed || size !== rec.size)) bad('sizes or CRC differ');
    const wide = zip64 !== null;
    let d = end;
    r.need(d, 4, `data descriptor of ${rec.name}`);
    if (r.u32(d) === SIG_DESCRIPTOR) d += 4;
    const length = wide ? 20 : 12;
    r.need(d, length, `data descriptor of ${rec.name}`);
    crc = r.u32(d);
    packed = wide ? r.u64(d + 4) : r.u32(d + 4);
    size = wide ? r.u64(d + 12) : r.u32(d + 8);
    end = d + length;
    if (end > cdOffset) r.damaged(`data descriptor of ${rec.name} runs into the central directory`);
  }
  if (crc !== rec.crc || packed !== rec.packed || size !== rec.size) bad('sizes or CRC differ');
  return { dataStart, end };
}

/** unpack's checks, with the entry unzipped in chunks that `onChunk` sees and nothing keeps. */
async function unpackInChunks(r: Reader, rec: CentralRecord, dataStart: number, onChunk: ((chunk: Buffer) => void) | null): Promise<void> {
  const packed = r.buf.subarray(dataStart, dataStart + rec.packed);
  let crc = 0;
  let length = 0;
  if (rec.method === STORED) {
    crc = crc32(packed);
    length = packed.length;
    onChunk?.(packed);
  } else {
    const inflater = createInflateRaw({ chunkSize: CHUNK_BYTES });
    inflater.end(packed);
    try {
      for await (const chunk of inflater) {
        length += (chunk as Buffer).length;
        // As unpack's maxOutputLength: an entry that unzips to more than its header says is damaged, and stops there.
        if (length > rec.size) throw new Error('Cannot create a Buffer larger than the entry says');
        crc = crc32(chunk as Buffer, crc);
        onChunk?.(chunk as Buffer);
      }
    } catch (err) {
      inflater.destroy();
      r.damaged(`${rec.name} does not unzip: ${(err as Error).message}`, `工作簿中的“${rec.name}”无法解压，文件已损坏`);
    }
    if (inflater.bytesWritten !== rec.packed) r.damaged(`${rec.name}: compressed data ends after ${inflater.bytesWritten} of ${rec.packed} bytes`);
  }
  if (length !== rec.size) r.damaged(`${rec.name} unzips to ${length} bytes, not ${rec.size}`, `工作簿中的“${rec.name}”解压后的大小不符，文件已损坏`);
  if (crc !== rec.crc) r.damaged(`${rec.name} fails its CRC-32 check`, `工作簿中的“${rec.name}”与其校验值（CRC-32）不符，文件已损坏`);
}

function unpack(r: Reader, rec: CentralRecord, dataStart: number): Buffer {
  const packed = r.buf.subarray(dataStart, dataStart + rec.packed);
  let data: Buffer;
  if (rec.method === STORED) data = packed;
  else {
    let result: { buffer: Buffer; engine: { bytesWritten: number } };
    try {
      // One byte more than declared: an entry that unzips to more than its header says is damaged, and stops there.
      result = inflateRawSync(packed, { maxOutputLength: rec.size + 1, info: true }) as unknown as typeof result;
    } catch (err) {
      r.damaged(`${rec.name} does not unzip: ${(err as Error).message}`, `工作簿中的“${rec.name}”无法解压，文件已损坏`);
    }
    data = result.buffer;
    if (result.engine.bytesWritten !== rec.packed) r.damaged(`${rec.name}: compressed data ends after ${result.engine.bytesWritten} of ${rec.packed} bytes`);
  }
  if (data.length !== rec.size) r.damaged(`${rec.name} unzips to ${data.length} bytes, not ${rec.size}`, `工作簿中的“${rec.name}”解压后的大小不符，文件已损坏`);
  if (crc32(data) !== rec.crc) r.damaged(`${rec.name} fails its CRC-32 check`, `工作簿中的“${rec.name}”与其校验值（CRC-32）不符，文件已损坏`);
  return data;
}
