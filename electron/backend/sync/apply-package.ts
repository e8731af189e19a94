import path from 'node:path';
import { sql } from 'kysely';
import type { SyncApplyOutcome } from '../../shared/api/sync';
import type { WriteContext } from '../changelog/write-context';
import type { Writer } from '../rpc/handler-types';
import { quarantinePackage } from './quarantine-folder';
import { schemaVersion } from '../db/migrator';
import { readTransaction, type ReadDb } from '../db/read-db';
import type { LoggedTable, Row } from '../db/schema';
import { AppError } from '../rpc/app-error';
import { rescheduleOpenFiles } from '../archive-settings/reschedule';
import { applyArchiveReceipt } from './apply-archive-receipts';
import { branchKeys, pairedHq } from './branch-identity';
import { fingerprintOf, parsePublicIdentity } from './identity';
import { refused } from './package-format';
import { openPackage, type OpenedPackage, type ReaderKeys } from './read-package';
import { hqTableSetting, SYNC_TABLES } from './sync-tables';

const STAMPS = new Set(['id', 'created_at', 'updated_at']);
/** Beside the database file: refused packages, each with its reason. */
export const QUARANTINE_DIR = 'sync-quarantine';

async function columnsOf(w: WriteContext, table: string): Promise<Set<string>> {
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(w.trx);
  return new Set(rows.map((r) => r.name));
}

/** Writes head office's rows into its own tables: new ids inserted, known ones updated where they differ, tombstones deleted. */
/** Refuses a package carrying any table head office does not own: checked before it is held, so a held one cannot fail on it later. */
function assertHqTables(opened: OpenedPackage): void {
  for (const { table } of opened.tables) {
    if (!(table in SYNC_TABLES) || SYNC_TABLES[table as LoggedTable].owner !== 'hq') {
      throw refused('not_hq_data', `包里有总行无权下发的数据（${table}）：总行不修改支行自己的数据。`, `table ${table} is not head office's`);
    }
  }
}

/** What a row of head office's brings about on the branch once inserted, in the package's transaction. */
const AFTER_INSERT: Partial<{ [T in LoggedTable]: (w: WriteContext, row: Row<T>) => Promise<void> }> = {
  archive_receipts: applyArchiveReceipt,
};

/** The branch's own row with the natural key of head office's `row` (see SyncRule.naturalKey), if its rule has one. */
async function byNaturalKey<T extends LoggedTable>(w: WriteContext, table: T, row: Record<string, unknown>): Promise<Row<T> | undefined> {
  const key = SYNC_TABLES[table].naturalKey;
  if (!key || row._deleted === true || !key.every((c) => c in row)) return undefined;
  const where = sql.join(key.map((c) => sql`${sql.ref(c)} = ${row[c] as string}`), sql` and `);
  return (await sql<Row<T>>`select * from ${sql.table(table)} where ${where}`.execute(w.trx)).rows[0];
}

/** What a table of head office's brings about once its rows are in: holidays move the archive deadlines, as a branch's own edit does. */
const AFTER_TABLE: Partial<Record<LoggedTable, (w: WriteContext) => Promise<unknown>>> = {
  calendar_days: rescheduleOpenFiles,
};

/** Head office's row with its references by name turned into the branch's ids (see SyncRule.resolve). */
async function resolved(w: WriteContext, table: LoggedTable, row: Record<string, unknown>): Promise<Record<string, unknown>> {
  const resolve = SYNC_TABLES[table].resolve;
  if (!resolve || row._deleted === true) return row;
  const out = { ...row };
  for (const [field, ref] of Object.entries(resolve)) {
    if (!(field in out)) continue;
    const name = out[field];
    delete out[field];
    const [target] = (await sql<{ id: string }>`select id from ${sql.table(ref.table)} where ${sql.ref(ref.by)} = ${String(name)}`.execute(w.trx)).rows;
    if (!target) throw refused('unknown_reference', `总行下发的数据引用了本支行没有的“${String(name)}”：请总行先下发它，再下发这个包。`, `${table}: no ${ref.table} with ${ref.by} ${String(name)}`);
    out[ref.column] = target.id;
  }
  return out;
}

/** Where a table comes in SYNC_TABLES: a package's tables are applied in that order, so a row's references are in before it. */
const ORDER = new Map(Object.keys(SYNC_TABLES).map((t, i) => [t, i]));

async function applyRows(w: WriteContext, opened: OpenedPackage): Promise<void> {
  const tables = [...opened.tables].sort((a, b) => (ORDER.get(a.table) ?? 0) - (ORDER.get(b.table) ?? 0));
  for (const { table, rows: sent } of tables) {
    const name = table as LoggedTable;
    const columns = await columnsOf(w, table);
    if (sent.length > 0) await w.setSetting(hqTableSetting(table), 'owned');
    const rows: Array<Record<string, unknown>> = [];
    for (const r of sent) rows.push(await resolved(w, name, r));
    for (const row of rows) {
      const id = row.id;
      if (typeof id !== 'string' || id === '') throw refused('damaged', '包里的数据缺少编号。', `${table} row without id`);
      const unknown = Object.keys(row).filter((c) => c !== '_deleted' && !columns.has(c));
      if (unknown.length > 0) throw refused('schema_mismatch', '包里的数据与本机软件版本不符：请先升级软件再导入。', `${table} has no column ${unknown.join(', ')}`);
      const before = (await sql<Row<typeof name>>`select * from ${sql.table(table)} where id = ${id}`.execute(w.trx)).rows[0] ?? (await byNaturalKey(w, name, row));
      if (row._deleted === true) {
        if (before) await w.delete(name, before);
        continue;
      }
      const values = Object.fromEntries(Object.entries(row).filter(([c]) => !STAMPS.has(c)));
      if (!before) {
        const inserted = await w.insert(name, { ...values, id } as never);
        await AFTER_INSERT[name]?.(w, inserted as never);
      } else if (Object.entries(values).some(([c, v]) => (before as Record<string, unknown>)[c] !== v)) await w.update(name, before, values as never);
    }
    if (rows.length > 0) await AFTER_TABLE[name]?.(w);
  }
}

/** This branch's keys, its pinned head office, and the reader keys that open head office's packages. */
async function pairing(db: ReadDb): Promise<{ hqId: string; keys: ReaderKeys }> {
  const keys = await branchKeys(db);
  const hq = await pairedHq(db);
  if (!keys || !hq) throw new AppError('NOT_PAIRED', '本支行尚未与总行配对：请先导入总行的身份文件。', 'sync apply before pairing');
  const hqIdentity = parsePublicIdentity(hq.public_identity, 'hq').identity;
  const hqFingerprint = fingerprintOf(hqIdentity.signingKey);
  return {
    hqId: hq.id,
    keys: { me: keys.secret, myFingerprint: keys.fingerprint, peer: (f) => (f === hqFingerprint ? { identity: hqIdentity, revoked: false } : null) },
  };
}

interface Pending {
  fileName: string;
  bytes: Buffer;
}

/**
 * What a refusal leaves: the package and its reason in the quarantine folder beside the database
 * (for the sync page and for head office to look into); the database itself is not touched.
 */
async function quarantine(dbPath: string, p: Pending, err: AppError): Promise<SyncApplyOutcome> {
  await quarantinePackage(path.join(path.dirname(dbPath), QUARANTINE_DIR), p.fileName, p.bytes, err);
  return { status: 'refused', reason: err.userMessage, seq: null, applied: [] };
}

/**
 * Applies a package from head office. Checked first (openPackage); then by its seq: one already
 * applied or held is skipped; one after a gap is held (kept until the missing one comes); the
 * next one is applied — its rows, head office's acknowledgement and its inbox row in one
 * transaction — and then any held packages that now follow, each in its own. A package refused
 * is quarantined (a copy and its reason in a folder beside the database) and changes nothing.
 */
export async function applyPackage(db: ReadDb, dbPath: string, write: Writer, p: Pending): Promise<SyncApplyOutcome> {
  const { hqId: peerId, keys } = await pairing(db);
  let opened: OpenedPackage;
  try {
    opened = await openPackage(p.bytes, keys);
    assertHqTables(opened);
    const mine = await schemaVersion(db);
    if (opened.manifest.schemaVersion > mine) {
      throw refused('schema_newer', '这个包来自更新版本的软件：请先升级本机软件，再导入这个包。', `package schema ${opened.manifest.schemaVersion} > ${mine}`);
    }
  } catch (err) {
    if (err instanceof AppError && err.code === 'PACKAGE_REFUSED') return quarantine(dbPath, p, err);
    throw err;
  }
  const { manifest } = opened;
  const state = await readTransaction(db, async (trx) => {
    const seen = await trx.selectFrom('sync_inbox').select(['seq', 'status', 'hash']).where('peer_id', '=', peerId).where('seq', '=', manifest.seq).executeTakeFirst();
    const last = await trx
      .selectFrom('sync_inbox')
      .select(['seq', 'hash'])
      .where('peer_id', '=', peerId)
      .where('status', '=', 'applied')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return { seen, last };
  });
  if (state.seen && state.seen.hash !== opened.hash) {
    return quarantine(
      dbPath,
      p,
      refused('seq_conflict', `第 ${manifest.seq} 号包已收到过，这个包编号相同而内容不同（总行可能恢复了备份后重新发包）：请与总行核对。`, `seq ${manifest.seq} already taken in with hash ${state.seen.hash}, this one is ${opened.hash}`),
    );
  }
  if (state.seen) return { status: 'skipped', reason: state.seen.status === 'held' ? '这个包已在等待中，无需重复导入。' : '这个包已经导入过。', seq: manifest.seq, applied: [] };
  const lastSeq = state.last?.seq ?? 0;
  if (manifest.seq > lastSeq + 1) {
    await write((w) =>
      w.insert('sync_inbox', { peer_id: peerId, from_code: manifest.from.code, seq: manifest.seq, hash: opened.hash, package_id: manifest.packageId, file_name: p.fileName, status: 'held', reason: `缺少第 ${lastSeq + 1} 号包，收到后自动导入`, content_base64: p.bytes.toString('base64') }),
    );
    return { status: 'held', reason: `在它之前的第 ${lastSeq + 1} 号包还没有导入：已保存这个包，收到缺少的包后会按顺序自动导入。`, seq: manifest.seq, applied: [] };
  }
  if (manifest.seq <= lastSeq) return { status: 'skipped', reason: '这个包已经导入过。', seq: manifest.seq, applied: [] };
  if (manifest.previousHash !== (state.last?.hash ?? null)) {
    return quarantine(dbPath, p, refused('chain_broken', '这个包与上一个已导入的包接不上（编号相同但内容不同）：请与总行核对。', `previous hash ${manifest.previousHash} is not ${state.last?.hash}`));
  }
  try {
    await applyOne(write, peerId, opened, p);
  } catch (err) {
    if (err instanceof AppError && err.code === 'PACKAGE_REFUSED') return quarantine(dbPath, p, err);
    throw err;
  }
  const applied = [manifest.seq, ...(await drainHeld(db, dbPath, write, keys, peerId, manifest.seq, opened.hash))];
  return { status: 'applied', reason: '', seq: manifest.seq, applied };
}

async function applyOne(write: Writer, peerId: string, opened: OpenedPackage, p: Pending, heldRowId?: string): Promise<void> {
  const { manifest } = opened;
  await write(async (w) => {
    w.setCause({ kind: 'sync', id: manifest.packageId });
    await applyRows(w, opened);
    const peer = await w.trx.selectFrom('sync_peers').selectAll().where('id', '=', peerId).executeTakeFirstOrThrow();
    if (manifest.ack > peer.acked_seq) await w.update('sync_peers', peer, { acked_seq: manifest.ack });
    if (heldRowId) await w.updateById('sync_inbox', heldRowId, { status: 'applied', reason: '', content_base64: null });
    else await w.insert('sync_inbox', { peer_id: peerId, from_code: manifest.from.code, seq: manifest.seq, hash: opened.hash, package_id: manifest.packageId, file_name: p.fileName, status: 'applied', reason: '', content_base64: null });
  });
}

/** Applies the held packages that now follow `seq` in order, until the next gap; returns their seqs. */
async function drainHeld(db: ReadDb, dbPath: string, write: Writer, keys: ReaderKeys, peerId: string, seq: number, hash: string): Promise<number[]> {
  const done: number[] = [];
  for (let next = seq + 1, previous = hash; ; next++) {
    const held = await db.selectFrom('sync_inbox').selectAll().where('peer_id', '=', peerId).where('seq', '=', next).where('status', '=', 'held').executeTakeFirst();
    if (!held?.content_base64) return done;
    const bytes = Buffer.from(held.content_base64, 'base64');
    const pending = { fileName: held.file_name, bytes };
    try {
      const opened = await openPackage(bytes, keys);
      if (opened.manifest.previousHash !== previous) {
        throw refused('chain_broken', `暂存的第 ${next} 号包与刚导入的前一个包接不上（总行可能恢复了备份后重新发包）：已移出暂存，请总行重新发送第 ${next} 号包。`, `held ${next}: previous hash ${opened.manifest.previousHash} is not ${previous}`);
      }
      await applyOne(write, peerId, opened, pending, held.id);
      done.push(next);
      previous = opened.hash;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'PACKAGE_REFUSED')) throw err;
      // Out of the queue, so that a good package with this number can be taken in; kept with its reason.
      await write((w) => w.delete('sync_inbox', held));
      await quarantine(dbPath, pending, err);
      return done;
    }
  }
}
