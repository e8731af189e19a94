/** A byte range of a zip file and what it holds: an entry's local header or data, the central directory, the end record. */
export interface ZipPart {
  name: string;
  start: number;
  end: number;
}

/**
 * The parts of a zip file in file order, read from its end record and central directory (a
 * package as its writer makes it: no comment, no zip64). Each entry's data runs from the end of
 * its local header to the next entry's local header (a data descriptor, if any, included).
 */
export function zipParts(file: Buffer): ZipPart[] {
  const eocd = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory record');
  const entries = file.readUInt16LE(eocd + 10);
  const cdSize = file.readUInt32LE(eocd + 12);
  const cdStart = file.readUInt32LE(eocd + 16);
  const locals: Array<{ name: string; offset: number }> = [];
  for (let i = 0, at = cdStart; i < entries; i++) {
    const nameLength = file.readUInt16LE(at + 28);
    const extra = file.readUInt16LE(at + 30);
    const comment = file.readUInt16LE(at + 32);
    locals.push({ name: file.subarray(at + 46, at + 46 + nameLength).toString('utf8'), offset: file.readUInt32LE(at + 42) });
    at += 46 + nameLength + extra + comment;
  }
  locals.sort((a, b) => a.offset - b.offset);
  const parts: ZipPart[] = [];
  locals.forEach((entry, i) => {
    const headerEnd = entry.offset + 30 + file.readUInt16LE(entry.offset + 26) + file.readUInt16LE(entry.offset + 28);
    const next = locals[i + 1]?.offset ?? cdStart;
    parts.push({ name: `local header of ${entry.name}`, start: entry.offset, end: headerEnd });
    if (next > headerEnd) parts.push({ name: `data of ${entry.name}`, start: headerEnd, end: next });
  });
  parts.push({ name: 'central directory', start: cdStart, end: cdStart + cdSize });
  parts.push({ name: 'end record', start: eocd, end: file.length });
  return parts;
}

/** Up to `perPart` positions spread over each part, its first and last byte always among them. */
export function sampledPositions(parts: readonly ZipPart[], perPart: number): Array<{ part: string; at: number }> {
  const out: Array<{ part: string; at: number }> = [];
  for (const p of parts) {
    const length = p.end - p.start;
    const picks = new Set<number>([p.start, p.end - 1]);
    for (let i = 1; i < perPart - 1 && picks.size < Math.min(perPart, length); i++) picks.add(p.start + Math.floor((i * length) / (perPart - 1)));
    for (const at of [...picks].sort((a, b) => a - b)) out.push({ part: p.name, at });
  }
  return out;
}
