/**
 * A small zip reader and writer for building damaged and crafted workbooks in tests. The reader
 * trusts the file (it reads the test's own base files); the writer writes what it is told, lies
 * included: a declared size, a flag, a method, a name twice.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface PlainEntry {
  name: string;
  data: Buffer;
}

/** Where a zip's structures sit, for telling what a flipped byte hit. */
export interface ZipLayout {
  entries: PlainEntry[];
  /** Byte ranges [start, end) of the central directory's external-attribute fields: no reader can check them. */
  freeRanges: Array<[number, number]>;
}

export function unzip(buf: Buffer): ZipLayout {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const entries: PlainEntry[] = [];
  const freeRanges: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const packed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + packed);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    freeRanges.push([p + 38, p + 42]);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, freeRanges };
}

export interface WriteEntry extends PlainEntry {
  /** 0 stored, 8 deflated (default), or any number to write as the method. */
  method?: number;
  /** Written instead of the true unzipped size. */
  declaredSize?: number;
  flags?: number;
  /** Compressed bytes to write instead of deflating `data` (a crafted stream). */
  packed?: Buffer;
}

/** A zip as Excel writes one (no extra fields, no data descriptors), with whatever lies the entries ask for. */
export function zip(entries: readonly WriteEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 8;
    const packed = e.packed ?? (method === 8 ? deflateRawSync(e.data) : e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const flags = e.flags ?? 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x5a21, 10); // 11:17:02
    local.writeUInt16LE(0x5d82, 12); // 2026-12-02
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x5a21, 12);
    central.writeUInt16LE(0x5d82, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(0x20, 38); // archive
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const endRecord = Buffer.alloc(22);
  endRecord.writeUInt32LE(0x06054b50, 0);
  endRecord.writeUInt16LE(entries.length, 8);
  endRecord.writeUInt16LE(entries.length, 10);
  endRecord.writeUInt32LE(cd.length, 12);
  endRecord.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, endRecord]);
}

/** The same workbook with one entry's text changed. */
export function withEntry(workbook: Buffer, name: string, change: (text: string) => string): Buffer {
  const { entries } = unzip(workbook);
  return zip(entries.map((e) => (e.name === name ? { name, data: Buffer.from(change(e.data.toString('utf8')), 'utf8') } : e)));
}
