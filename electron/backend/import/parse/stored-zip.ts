/**
 * Checked zip entries (zip-entries.ts) packed again without compression, for SheetJS: it reads a
 * stored entry as it is, so its own inflater never sees the file's compressed bytes.
 */
import type { ZipEntry } from './zip-entries';

export function storedZip(entries: readonly ZipEntry[]): Buffer {
  const names = entries.map((e) => Buffer.from(e.name, 'utf8'));
  let localSize = 0;
  let centralSize = 0;
  for (let i = 0; i < entries.length; i++) {
    localSize += 30 + names[i].length + entries[i].data.length;
    centralSize += 46 + names[i].length;
  }
  const out = Buffer.alloc(localSize + centralSize + 22);
  let p = 0;
  let c = localSize;
  for (let i = 0; i < entries.length; i++) {
    const { data, crc } = entries[i];
    const name = names[i];
    const offset = p;
    out.writeUInt32LE(0x04034b50, p);
    out.writeUInt16LE(10, p + 4); // version needed: 1.0, stored
    out.writeUInt16LE(0x0800, p + 6); // names in UTF-8
    out.writeUInt32LE(crc, p + 14);
    out.writeUInt32LE(data.length, p + 18);
    out.writeUInt32LE(data.length, p + 22);
    out.writeUInt16LE(name.length, p + 26);
    name.copy(out, p + 30);
    data.copy(out, p + 30 + name.length);
    p += 30 + name.length + data.length;

    out.writeUInt32LE(0x02014b50, c);
    out.writeUInt16LE(10, c + 4);
    out.writeUInt16LE(10, c + 6);
    out.writeUInt16LE(0x0800, c + 8);
    out.writeUInt32LE(crc, c + 16);
    out.writeUInt32LE(data.length, c + 20);
    out.writeUInt32LE(data.length, c + 24);
    out.writeUInt16LE(name.length, c + 28);
    out.writeUInt32LE(offset, c + 42);
    name.copy(out, c + 46);
    c += 46 + name.length;
  }
  out.writeUInt32LE(0x06054b50, c);
  out.writeUInt16LE(entries.length, c + 8);
  out.writeUInt16LE(entries.length, c + 10);
  out.writeUInt32LE(centralSize, c + 12);
  out.writeUInt32LE(localSize, c + 16);
  return out;
}
