import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../rpc/app-error';
import { PACKAGE_EXTENSION, refused } from '../sync/package-format';
import { quarantinePackage } from '../sync/quarantine-folder';
import { openPackage, type OpenedPackage, type ReaderKeys } from '../sync/read-package';
import { SYNC_TABLES } from '../sync/sync-tables';
import { parsePublicIdentity } from '../sync/identity';
import type { HqConnection } from './hq-db';
import { HQ_QUARANTINE_DIR, type HqKeys } from './hq-keys';
import { applyBranchPackage, assertStageable, holdBranchPackage, releaseHeldPackage } from './writes/apply-branch-package';

export interface IngestResult {
  applied: number;
  skipped: number;
  held: number;
  refused: Array<{ package: string; reason: string }>;
}

interface Incoming {
  file: string;
  bytes: Buffer;
  opened: OpenedPackage;
}

/** The .blpkg files at `target`: the file itself, or every one under the folder (each branch writes into its own subfolder). */
export async function packageFiles(target: string): Promise<string[]> {
  let info;
  try {
    info = await stat(target);
  } catch {
    throw new AppError('NOT_FOUND', `找不到 ${target}。`, `ingest: ${target} does not exist`);
  }
  if (info.isFile()) return [target];
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(PACKAGE_EXTENSION))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Head office's reader keys: its own, and every registered branch by the fingerprint of its signing key. */
async function readerKeys(conn: HqConnection, keys: HqKeys): Promise<ReaderKeys> {
  const branches = await conn.db.selectFrom('hq_branches').select(['public_identity', 'fingerprint', 'revoked_at']).execute();
  const byFingerprint = new Map(branches.map((b) => [b.fingerprint, { identity: parsePublicIdentity(b.public_identity, 'branch').identity, revoked: b.revoked_at !== null }]));
  return { me: keys.secret, myFingerprint: keys.fingerprint, peer: (f) => byFingerprint.get(f) ?? null };
}

/** A package may carry only the branch's own kinds of rows: head office never takes reference data or core-system rows from a branch. */
function assertBranchTables(opened: OpenedPackage): void {
  for (const { table } of opened.tables) {
    const rule = (SYNC_TABLES as Record<string, { owner: string } | undefined>)[table];
    if (rule?.owner !== 'branch') throw refused('not_branch_data', `包里有不属于支行上报范围的数据（${table}）。`, `table ${table} is not the branch's`);
  }
}

async function quarantine(dir: string, file: string, bytes: Buffer, err: AppError): Promise<{ package: string; reason: string }> {
  await quarantinePackage(path.join(dir, HQ_QUARANTINE_DIR), file, bytes, err);
  return { package: file, reason: err.userMessage };
}

/**
 * Takes in branch packages: each checked (zip, sender pinned and not revoked, signature, receiver,
 * hashes, the branch's own tables only); then, per branch in seq order, one already in is
 * skipped, one after a gap held, the next applied (one transaction each, see
 * applyBranchPackage), and held ones that now follow applied after it. A refused package is
 * copied with its reason into the quarantine folder and changes nothing in the database.
 *
 * A package that is its branch's next is taken in as soon as it is opened, while the next file is
 * opened (PostgreSQL merges while Node decrypts and parses), up to MERGING_AT_ONCE packages of
 * different branches at once, each on its own connection; the others wait for the end of the run
 * and are taken in sorted by branch and seq. The outcome is the same as taking every package in
 * that order: one taken in early is one nothing else in the run could come before, and branches
 * share no rows.
 */
export async function ingestPackages(conn: HqConnection, keys: HqKeys, dir: string, files: readonly string[], actor: string): Promise<IngestResult> {
  const result: IngestResult = { applied: 0, skipped: 0, held: 0, refused: [] };
  const reader = await readerKeys(conn, keys);
  const refuseHeld = async (file: string, bytes: Buffer, err: AppError) => void result.refused.push(await quarantine(dir, file, bytes, err));
  const takeInto = async (p: Incoming) => {
    const outcome = await takeIn(conn, reader, actor, p, refuseHeld);
    if (outcome.kind === 'refused') result.refused.push(await quarantine(dir, p.file, p.bytes, outcome.error));
    else if (outcome.kind === 'applied') result.applied += outcome.count;
    else result[outcome.kind] += 1;
  };
  const later: Incoming[] = [];
  // Each branch's package being taken in; these never reject: the first failure is kept until the loop looks.
  const inFlight = new Map<string, Promise<void>>();
  let failure: unknown = null;
  const failed = () => {
    if (failure) throw failure;
  };
  try {
    for (const file of files) {
      const bytes = await readFile(file);
      let p: Incoming;
      try {
        const opened = await openPackage(bytes, reader, { keepLines: true });
        assertBranchTables(opened);
        p = { file, bytes, opened };
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'PACKAGE_REFUSED')) throw err;
        result.refused.push(await quarantine(dir, file, bytes, err));
        continue;
      }
      const branch = p.opened.manifest.from.code;
      await inFlight.get(branch);
      while (inFlight.size >= MERGING_AT_ONCE) await Promise.race(inFlight.values());
      failed();
      if (await isNextOfBranch(conn, p.opened)) {
        const taking: Promise<void> = takeInto(p)
          .catch((err: unknown) => void (failure ??= err ?? new Error('ingest failed')))
          .finally(() => {
            if (inFlight.get(branch) === taking) inFlight.delete(branch);
          });
        inFlight.set(branch, taking);
      } else later.push(p);
    }
  } finally {
    await Promise.all(inFlight.values());
  }
  failed();
  later.sort((a, b) => (a.opened.manifest.from.code < b.opened.manifest.from.code ? -1 : a.opened.manifest.from.code > b.opened.manifest.from.code ? 1 : a.opened.manifest.seq - b.opened.manifest.seq));
  for (const p of later) await takeInto(p);
  return result;
}

/** Packages of different branches merged at once (a connection each; the pool has four). */
const MERGING_AT_ONCE = 2;

/** Whether this package is the one after its branch's last applied package. */
async function isNextOfBranch(conn: HqConnection, opened: OpenedPackage): Promise<boolean> {
  const { from, seq } = opened.manifest;
  const last = await conn.db.selectFrom('hq_inbox').select('seq').where('branch_code', '=', from.code).where('status', '=', 'applied').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return seq === (last?.seq ?? 0) + 1;
}

type Outcome = { kind: 'applied'; count: number } | { kind: 'skipped' | 'held' } | { kind: 'refused'; error: AppError };

/** What becomes of a held package that can no longer be applied: quarantined with its reason. */
type RefuseHeld = (file: string, bytes: Buffer, err: AppError) => Promise<void>;

async function takeIn(conn: HqConnection, reader: ReaderKeys, actor: string, p: Incoming, refuseHeld: RefuseHeld): Promise<Outcome> {
  const { manifest } = p.opened;
  const branch = manifest.from.code;
  const seen = await conn.db.selectFrom('hq_inbox').select(['seq', 'hash']).where('branch_code', '=', branch).where('seq', '=', manifest.seq).executeTakeFirst();
  if (seen && seen.hash !== p.opened.hash) {
    return {
      kind: 'refused',
      error: refused('seq_conflict', `该支行的第 ${manifest.seq} 号包已收到过，这个包编号相同而内容不同（支行可能恢复了备份后重新发包）：请与支行核对。`, `seq ${manifest.seq} of ${branch} already taken in with hash ${seen.hash}, this one is ${p.opened.hash}`),
    };
  }
  if (seen) return { kind: 'skipped' };
  const last = await conn.db
    .selectFrom('hq_inbox')
    .select(['seq', 'hash'])
    .where('branch_code', '=', branch)
    .where('status', '=', 'applied')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const lastSeq = last?.seq ?? 0;
  if (manifest.seq > lastSeq + 1) {
    try {
      assertStageable(p.opened);
    } catch (err) {
      if (err instanceof AppError && err.code === 'PACKAGE_REFUSED') return { kind: 'refused', error: err };
      throw err;
    }
    await holdBranchPackage(conn, actor, p.opened, path.basename(p.file), p.bytes, lastSeq + 1);
    return { kind: 'held' };
  }
  if (manifest.previousHash !== (last?.hash ?? null)) {
    return { kind: 'refused', error: refused('chain_broken', '这个包与该支行上一个已导入的包接不上（编号相同但内容不同）：请与支行核对。', `previous hash ${manifest.previousHash} is not ${last?.hash}`) };
  }
  try {
    await applyBranchPackage(conn, actor, p.opened, path.basename(p.file), false);
  } catch (err) {
    // Rows the merge cannot take (no id, one id twice): refused like any bad package, and the rest of the run goes on.
    if (err instanceof AppError && err.code === 'PACKAGE_REFUSED') return { kind: 'refused', error: err };
    throw err;
  }
  return { kind: 'applied', count: 1 + (await drainHeld(conn, reader, actor, branch, manifest.seq, p.opened.hash, refuseHeld)) };
}

/** Applies the held packages of `branch` that now follow `seq`, in order, until the next gap. */
async function drainHeld(conn: HqConnection, reader: ReaderKeys, actor: string, branch: string, seq: number, hash: string, refuseHeld: RefuseHeld): Promise<number> {
  let count = 0;
  for (let next = seq + 1, previous = hash; ; next++) {
    const held = await conn.db.selectFrom('hq_inbox').select(['content', 'file_name']).where('branch_code', '=', branch).where('seq', '=', next).where('status', '=', 'held').executeTakeFirst();
    if (!held?.content) return count;
    let opened: OpenedPackage;
    try {
      opened = await openPackage(held.content, reader, { keepLines: true });
      if (opened.manifest.previousHash !== previous) {
        throw refused('chain_broken', `暂存的第 ${next} 号包与刚导入的前一个包接不上（支行可能恢复了备份后重新发包）：已移出暂存，请支行重新发送第 ${next} 号包。`, `held ${next} of ${branch}: previous hash ${opened.manifest.previousHash} is not ${previous}`);
      }
      await applyBranchPackage(conn, actor, opened, held.file_name, true);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'PACKAGE_REFUSED')) throw err;
      // Out of the queue, so that a good package with this number can be taken in; kept with its reason.
      await releaseHeldPackage(conn, actor, branch, next, err.message);
      await refuseHeld(held.file_name, held.content, err);
      return count;
    }
    count++;
    previous = opened.hash;
  }
}
