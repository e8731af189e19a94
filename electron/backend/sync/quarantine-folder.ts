import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { localFileStamp } from '../../shared/local-time';
import type { AppError } from '../rpc/app-error';

/** A refused package's copy keeps its reason beside it, in `<copy>.reason.txt`. */
export const REASON_SUFFIX = '.reason.txt';

/**
 * The newest refusals kept: enough for the sync page (it shows 100) and for head office to look
 * into, while a caller sending damaged packages over and over (each up to 48 MB) cannot fill the
 * disk. Not frozen: a test lowers `packages` to see the oldest go.
 */
export const QUARANTINE_LIMITS = { packages: 1000, bytes: 512 * 1024 * 1024 };

/**
 * Copies a refused package into `folder` as `<stamp>-<8 hex>-<its name>` (the stamp sorts the
 * folder by time, the random part keeps two refusals in one second apart) with its reason
 * beside it, then removes the oldest copies beyond QUARANTINE_LIMITS.
 */
export async function quarantinePackage(folder: string, fileName: string, bytes: Buffer, err: AppError): Promise<void> {
  await mkdir(folder, { recursive: true });
  const base = path.join(folder, `${localFileStamp(new Date())}-${randomUUID().slice(0, 8)}-${path.basename(fileName)}`);
  await writeFile(base, bytes);
  await writeFile(`${base}${REASON_SUFFIX}`, `${err.userMessage}\n${err.message}\n`, 'utf8');
  await pruneQuarantine(folder);
}

/** Newest first by the time each copy was written (names share a second's stamp). */
async function pruneQuarantine(folder: string): Promise<void> {
  const names = (await readdir(folder)).filter((n) => !n.endsWith(REASON_SUFFIX));
  const copies = await Promise.all(names.map(async (name) => ({ file: path.join(folder, name), info: await stat(path.join(folder, name)) })));
  copies.sort((a, b) => b.info.mtimeMs - a.info.mtimeMs || b.file.localeCompare(a.file));
  let bytes = 0;
  for (const [i, { file, info }] of copies.entries()) {
    bytes += info.size;
    // The newest copy stays whatever its size: it is the refusal the clerk is looking at.
    if (i === 0 || (i < QUARANTINE_LIMITS.packages && bytes <= QUARANTINE_LIMITS.bytes)) continue;
    await rm(file, { force: true });
    await rm(`${file}${REASON_SUFFIX}`, { force: true });
  }
}
