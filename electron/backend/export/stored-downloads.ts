/**
 * Exports too large for one answer: written to a temporary file, then handed to the caller
 * in parts (base64 of PART_BYTES each), so neither the backend nor an answer ever holds the
 * whole file. The file holds personal data: only the session that made it may read it, and
 * it is deleted after its last part, after a while unread, when the process exits, and (left
 * by a crash) when the next process first stores one.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync, type WriteStream, createWriteStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../rpc/app-error';

/** 4 MiB: 5.6 MB of base64 per answer, a few answers for a county's register. */
export const PART_BYTES = 4 * 1024 * 1024;
/** A download not fetched within this time is given up and its file deleted. */
const KEEP_MS = 15 * 60_000;
/** Files older than this in the folder were left by a process that is gone. */
const STALE_MS = 24 * 60 * 60_000;

interface Stored {
  file: string;
  fileName: string;
  mimeType: string;
  size: number;
  /** The session that made it (null: an in-process caller such as a test or the CLI). */
  owner: string | null;
  timer: NodeJS.Timeout;
}

const stored = new Map<string, Stored>();
/** Files being written or kept, until removed: what this process has on disk. */
const live = new Set<string>();
let folder: string | null = null;

function downloadsFolder(): string {
  if (folder) return folder;
  const dir = path.join(os.tmpdir(), 'branch-ledger-exports');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (Date.now() - statSync(file).mtimeMs > STALE_MS) rmSync(file, { force: true });
    } catch {
      // Another process removed it first.
    }
  }
  process.once('exit', () => {
    for (const file of live) rmSync(file, { force: true });
  });
  return (folder = dir);
}

/** A new temporary file to write an export into; `keep` registers it as a download once written, `discard` deletes it. */
export function newDownloadFile(): { file: string; stream: WriteStream; discard: () => Promise<void> } {
  const file = path.join(downloadsFolder(), `${randomUUID()}.part`);
  const stream = createWriteStream(file, { mode: 0o600 });
  live.add(file);
  return {
    file,
    stream,
    discard: async () => {
      stream.destroy();
      await rm(file, { force: true });
      live.delete(file);
    },
  };
}

/** Registers a finished file as a download of `owner`'s; returns its id and size. */
export async function keepDownload(file: string, meta: { fileName: string; mimeType: string; owner: string | null }): Promise<{ downloadId: string; size: number }> {
  const { size } = await stat(file);
  const downloadId = randomUUID();
  const timer = setTimeout(() => void forget(downloadId), KEEP_MS);
  timer.unref();
  stored.set(downloadId, { file, size, timer, ...meta });
  return { downloadId, size };
}

/** One part of a download from `offset`; after the last part the file is gone. */
export async function downloadPart(downloadId: string, offset: number, owner: string | null): Promise<{ contentBase64: string; done: boolean }> {
  const s = stored.get(downloadId);
  // Someone else's download is answered as one that is not there.
  if (!s || s.owner !== owner) throw new AppError('NOT_FOUND', '导出的文件已失效，请重新导出。', `download ${downloadId} not found`);
  if (offset > s.size) throw new AppError('VALIDATION', '输入有误：位置超出文件长度', `offset ${offset} past ${s.size}`);
  const length = Math.min(PART_BYTES, s.size - offset);
  const buf = Buffer.alloc(length);
  const fh = await open(s.file, 'r');
  try {
    let read = 0;
    while (read < length) {
      const { bytesRead } = await fh.read(buf, read, length - read, offset + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
  } finally {
    await fh.close();
  }
  const done = offset + length >= s.size;
  if (done) await forget(downloadId);
  return { contentBase64: buf.toString('base64'), done };
}

async function forget(downloadId: string): Promise<void> {
  const s = stored.get(downloadId);
  if (!s) return;
  stored.delete(downloadId);
  clearTimeout(s.timer);
  await rm(s.file, { force: true });
  live.delete(s.file);
}

/** The export files this process has on disk now (written, or kept for a download). */
export function liveDownloadFiles(): string[] {
  return [...live];
}
