import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../rpc/app-error';

/** Windows with antivirus holds a new file for a moment: a rename then fails with these, and succeeds later. */
const TRANSIENT = new Set(['EPERM', 'EBUSY', 'EACCES']);
const RENAME_TRIES = 6;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Writes `bytes` to `target` on a removable or shared drive so that staff may pull the stick once
 * this returns: written to `<target>.tmp`, flushed to the device, renamed into place (retried a
 * few times over about three seconds), the folder flushed, then read back and compared. A reader
 * never sees a half-written file under the package's name.
 */
export async function writeFileSafely(target: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp`;
  const file = await open(tmp, 'w');
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(tmp, target);
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (!TRANSIENT.has(code) || attempt >= RENAME_TRIES) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
    }
  }
  if (process.platform !== 'win32') {
    const dir = await open(path.dirname(target), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
  if (sha256(await readFile(target)) !== sha256(bytes)) {
    throw new AppError('WRITE_NOT_VERIFIED', `写入后读回的文件与原文件不一致：${target}。U 盘或网络盘可能有问题，请换一个再试，写好前不要拔出。`, `read-back of ${target} differs`);
  }
}
