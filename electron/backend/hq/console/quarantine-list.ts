import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { REASON_SUFFIX } from '../../sync/quarantine-folder';
import { HQ_QUARANTINE_DIR } from '../hq-keys';

export interface RefusedPackage {
  /** The package's name as it arrived (the quarantine copy's name without its time stamp). */
  file: string;
  reason: string;
  at: number;
}

/** Packages ingest refused, newest first: each beside a text file whose first line is the reason in Chinese (ingest.ts). */
export async function refusedPackages(hqDir: string, limit: number): Promise<RefusedPackage[]> {
  const folder = path.join(hqDir, HQ_QUARANTINE_DIR);
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => n.endsWith(REASON_SUFFIX));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const entries = await Promise.all(
    names.map(async (name) => {
      const full = path.join(folder, name);
      const [text, info] = await Promise.all([readFile(full, 'utf8'), stat(full)]);
      // `<stamp>-<8 hex>-<original name>`
      const original = name.slice(0, -REASON_SUFFIX.length).replace(/^\d{8}-\d{6}-[0-9a-f]{8}-/, '');
      return { file: original, reason: text.split('\n')[0] ?? '', at: info.mtimeMs };
    }),
  );
  return entries.sort((a, b) => b.at - a.at).slice(0, limit);
}
