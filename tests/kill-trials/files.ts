import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface FileSeen {
  /** Relative to the folder looked at. */
  name: string;
  bytes: number;
}

/** The files under `dir` (recursively) and their sizes, as found this instant. */
export function filesIn(dir: string): FileSeen[] {
  if (!existsSync(dir)) return [];
  const out: FileSeen[] = [];
  for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
    try {
      const s = statSync(path.join(dir, name));
      if (s.isFile()) out.push({ name, bytes: s.size });
    } catch {
      // Renamed or removed between the listing and the look: it is looked at again next time.
    }
  }
  return out;
}

export function bytesOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Copies a closed database file (and its WAL, should one be there). */
export function copyDatabase(from: string, to: string): void {
  copyFileSync(from, to);
  if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
}

export async function sha256OfFile(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}
