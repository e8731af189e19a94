import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRpc } from '../../../electron/backend/cli/call-rpc';
import { HQ_QUARANTINE_DIR } from '../../../electron/backend/hq/hq-keys';
import { QUARANTINE_DIR } from '../../../electron/backend/sync/apply-package';
import { branchKeys } from '../../../electron/backend/sync/branch-identity';
import { parsePublicIdentity } from '../../../electron/backend/sync/identity';
import { buildPackage } from '../../../electron/backend/sync/write-package';
import { cli } from '../../helpers/cli-in-process';
import { dumpBranch, dumpHq, ok, pairedBranch, readBranch, type TestBranch } from '../../helpers/hq-branch-fixture';
import { createHqTestDatabase, type HqTestDatabase } from '../../helpers/hq-database';
import { makeTempDir } from '../../helpers/temp-dir';
import { sampledPositions, zipParts } from '../../helpers/zip-parts';

let tmp: ReturnType<typeof makeTempDir>;
let pg1: HqTestDatabase;
let pg2: HqTestDatabase;
let hq1: string[];
let hq2: string[];

/** Branch A (demo data, a hand-over batch), paired with head office 1 and registered there; its package 1 taken in. */
let a: TestBranch;
/** A's package 2, the next one head office 1 expects. */
let a2: Buffer;
/** Head office 1's package 1 to A, carrying its receipt of A's batch. */
let toA: Buffer;
/** Branch X: paired with head office 2, and registered at both. */
let x: TestBranch;
/** Branch Y: paired with head office 1, never registered there. */
let y: TestBranch;
const files: Record<string, string> = {};

/** A branch with no loans, set up and paired: a sender of packages only. */
async function bareBranch(dir: string, code: string, name: string, hqIdentity: string): Promise<TestBranch> {
  mkdirSync(dir, { recursive: true });
  const db = path.join(dir, 'ledger.sqlite');
  await readBranch(db, (app) => callRpc(app, null, 'setup.init', { branchCode: code, branchName: name, admin: { username: 'admin', displayName: '管理员', password: 'admin-pass-1' } }));
  const identity = path.join(dir, 'branch-identity.json');
  await ok('sync', 'pair', '--db', db, '--hq-identity', hqIdentity, '--out', identity);
  return { code, db, identity };
}

const exported = async (b: TestBranch) => (await ok('sync', 'export', '--db', b.db, '--out', tmp.file(`usb-${b.code}`))).package as string;

beforeAll(async () => {
  tmp = makeTempDir();
  [pg1, pg2] = [await createHqTestDatabase(), await createHqTestDatabase()];
  hq1 = ['--dir', tmp.file('hq1'), '--pg', pg1.url];
  hq2 = ['--dir', tmp.file('hq2'), '--pg', pg2.url];
  const id1 = (await ok('hq', 'init', '--dir', tmp.file('hq1'))).identity as string;
  const id2 = (await ok('hq', 'init', '--dir', tmp.file('hq2'), '--code', 'HQ2', '--name', '另一联社')).identity as string;

  a = await pairedBranch(tmp.file('a'), '880110', '白文支行', id1, 60, 3);
  const collecting = await readBranch(a.db, async (app) =>
    (await app.db.selectFrom('archive_files').innerJoin('loans', 'loans.id', 'archive_files.loan_id').select('loans.loan_no').where('archive_files.status', '=', 'collecting').orderBy('loans.loan_no').limit(5).execute()).map((r) => r.loan_no),
  );
  const batchLoans = collecting.slice(0, 3);
  await ok('archive', 'set', '--db', a.db, '--loans', batchLoans.join(','), '--complete', '--as', 'clerk1');
  await ok('archive', 'review', '--db', a.db, '--loans', batchLoans.join(','), '--as', 'rev1');
  const batch = (await ok('archive', 'handover', '--db', a.db, '--loans', batchLoans.join(','), '--out', tmp.file('manifest.json'), '--as', 'clerk1')).batch as string;
  const a1 = await exported(a);
  await ok('archive', 'set', '--db', a.db, '--loans', collecting.slice(3).join(','), '--complete', '--as', 'clerk1');
  a2 = readFileSync(await exported(a));

  await ok('hq', 'register', ...hq1, '--branch-identity', a.identity);
  expect(await ok('hq', 'ingest', a1, ...hq1)).toMatchObject({ applied: 1 });
  files.replay = a1;
  await ok('hq', 'archive-receipt', ...hq1, '--branch', a.code, '--batch', batch, '--received', batchLoans.slice(0, 2).join(','), '--discrepancy', `${batchLoans[2]}=缺借据`);
  toA = readFileSync((await ok('hq', 'export', ...hq1, '--branch', a.code, '--out', tmp.file('usb-hq1'))).package);

  // X sends to head office 2; head office 1 knows X's key too, and builds a package for X.
  x = await bareBranch(tmp.file('x'), '880130', '林家坪支行', id2);
  for (const hq of [hq1, hq2]) await ok('hq', 'register', ...hq, '--branch-identity', x.identity);
  files.forOtherHq = await exported(x);
  files.forOtherBranch = (await ok('hq', 'export', ...hq1, '--branch', x.code, '--out', tmp.file('usb-hq1'))).package;

  // Y is paired with head office 1, which never registered it.
  y = await bareBranch(tmp.file('y'), '880140', '城庄支行', id1);
  files.unknownBranch = await exported(y);

  // Head office 2 registers A and sends it a package: a key A never pinned.
  await ok('hq', 'register', ...hq2, '--branch-identity', a.identity);
  files.unknownHq = (await ok('hq', 'export', ...hq2, '--branch', a.code, '--out', tmp.file('usb-hq2'))).package;

  // A package signed by A's own key that carries head office's reference data.
  const keys = (await readBranch(a.db, (app) => branchKeys(app.db)))!;
  const hqPublic = parsePublicIdentity(readFileSync(id1, 'utf8'), 'hq');
  const template = { id: '00000000-0000-4000-8000-000000000001', kind: 'overdue', name: '自拟模板', body: '……', created_at: 1, updated_at: 1 };
  const foreign = await buildPackage(keys.secret, keys.public, hqPublic, { seq: 2, previousHash: 'a'.repeat(64), ack: 0, schemaVersion: '0110-archive-receipts', appVersion: '0.1.0', tables: [{ table: 'notice_templates', rows: [template] }] });
  files.foreignTable = tmp.file('880110-HQ-000002-foreign.blpkg');
  writeFileSync(files.foreignTable, foreign.bytes);
  // Signed by A and next in its chain, but its rows cannot be keyed: two contacts under one id.
  const a1Hash = await readBranch(a.db, async (app) => (await app.db.selectFrom('sync_outbox').select('hash').where('seq', '=', 1).executeTakeFirstOrThrow()).hash);
  const contact = { id: '00000000-0000-4000-8000-0000000000c1', note: '电话无人接听' };
  const twice = await buildPackage(keys.secret, keys.public, hqPublic, { seq: 2, previousHash: a1Hash, ack: 0, schemaVersion: '0110-archive-receipts', appVersion: '0.1.0', tables: [{ table: 'contacts', rows: [contact, contact] }] });
  files.rowsTwice = tmp.file('880110-HQ-000002-twice.blpkg');
  writeFileSync(files.rowsTwice, twice.bytes);
  // The same after a gap: refused as it comes, not held to fail the apply that would drain it.
  const a2Hash = await readBranch(a.db, async (app) => (await app.db.selectFrom('sync_outbox').select('hash').where('seq', '=', 2).executeTakeFirstOrThrow()).hash);
  const twiceLater = await buildPackage(keys.secret, keys.public, hqPublic, { seq: 3, previousHash: a2Hash, ack: 0, schemaVersion: '0110-archive-receipts', appVersion: '0.1.0', tables: [{ table: 'contacts', rows: [contact, contact] }] });
  files.heldTwice = tmp.file('880110-HQ-000003-twice.blpkg');
  writeFileSync(files.heldTwice, twiceLater.bytes);
  // A NUL character in a row's text: jsonb cannot store it.
  const nul = await buildPackage(keys.secret, keys.public, hqPublic, { seq: 2, previousHash: a1Hash, ack: 0, schemaVersion: '0110-archive-receipts', appVersion: '0.1.0', tables: [{ table: 'contacts', rows: [{ ...contact, note: '电话\u0000无人接听' }] }] });
  files.nul = tmp.file('880110-HQ-000002-nul.blpkg');
  writeFileSync(files.nul, nul.bytes);
});
afterAll(async () => {
  await pg1?.drop();
  await pg2?.drop();
  tmp?.cleanup();
});

/** Copies of `bytes`, one per sampled position in every part of the file: a byte flipped, or the file cut there. */
function damagedCopies(bytes: Buffer, perPart: number): Array<{ label: string; bytes: Buffer }> {
  const parts = zipParts(bytes);
  const positions = sampledPositions(parts, perPart);
  const flips = positions.map(({ part, at }) => {
    const copy = Buffer.from(bytes);
    copy[at] ^= 0x01 << (at % 8);
    return { label: `flip ${at} (${part})`, bytes: copy };
  });
  const cuts = sampledPositions(parts, Math.max(2, Math.ceil(perPart / 3))).map(({ part, at }) => ({ label: `cut at ${at} (${part})`, bytes: bytes.subarray(0, at) }));
  return [...flips, ...cuts, { label: 'cut at 1', bytes: bytes.subarray(0, 1) }, { label: 'one byte short', bytes: bytes.subarray(0, bytes.length - 1) }];
}

const quarantined = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.blpkg'));

describe('damaged and misaddressed packages at head office', () => {
  it('refuses every flipped byte and every cut of a branch package, in every part of the file, each with its reason and a copy, and changes nothing', async () => {
    const copies = damagedCopies(a2, 12);
    const parts = new Set(zipParts(a2).map((p) => p.name));
    expect(parts.size).toBeGreaterThanOrEqual(8);
    const folder = tmp.file('damaged-at-hq');
    mkdirSync(path.join(folder, a.code), { recursive: true });
    copies.forEach((c, i) => writeFileSync(path.join(folder, a.code, `${String(i).padStart(4, '0')}.blpkg`), c.bytes));
    const before = await dumpHq(pg1.url);

    const r = await cli('hq', 'ingest', folder, ...hq1, '--json');
    expect(r.code).toBe(1);
    expect({ applied: r.json.applied, skipped: r.json.skipped, held: r.json.held }).toEqual({ applied: 0, skipped: 0, held: 0 });
    const refused = r.json.refused as Array<{ package: string; reason: string }>;
    const unrefused = copies.filter((_, i) => !refused.some((x) => path.basename(x.package) === `${String(i).padStart(4, '0')}.blpkg`)).map((c) => c.label);
    expect(unrefused).toEqual([]);
    for (const x of refused) expect(x.reason).toMatch(/\S/);
    expect(quarantined(path.join(tmp.file('hq1'), HQ_QUARANTINE_DIR))).toHaveLength(copies.length);
    expect(await dumpHq(pg1.url)).toEqual(before);
  });

  it('skips a replay, and refuses a package for another head office, one from an unregistered key, one carrying head office’s data, one whose rows cannot be keyed (next or after a gap) and one whose text jsonb cannot store, changing nothing', async () => {
    const before = await dumpHq(pg1.url);
    const quarantine = path.join(tmp.file('hq1'), HQ_QUARANTINE_DIR);
    const already = readdirSync(quarantine).length;
    expect(await cli('hq', 'ingest', files.replay, ...hq1, '--json')).toMatchObject({ code: 0, json: { applied: 0, skipped: 1, held: 0, refused: [] } });
    const cases: Array<[string, string]> = [
      [files.forOtherHq, '不是发给本机构'],
      [files.unknownBranch, '未登记'],
      [files.foreignTable, '不属于支行上报范围的数据（notice_templates）'],
      [files.rowsTwice, '重复的数据行'],
      [files.heldTwice, '重复的数据行'],
      [files.nul, '空字符（NUL）'],
    ];
    for (const [file, words] of cases) {
      const r = await cli('hq', 'ingest', file, ...hq1, '--json');
      expect(r.code, words).toBe(1);
      expect(r.json, words).toMatchObject({ applied: 0, skipped: 0, held: 0, refused: [{ package: file, reason: expect.stringContaining(words) }] });
    }
    expect(readdirSync(quarantine).length).toBe(already + cases.length * 2);
    expect(await dumpHq(pg1.url)).toEqual(before);

    // The package the damaged copies were made from is good: it applies.
    writeFileSync(tmp.file('a2.blpkg'), a2);
    expect(await ok('hq', 'ingest', tmp.file('a2.blpkg'), ...hq1)).toEqual({ applied: 1, skipped: 0, held: 0, refused: [] });
  });
});

describe('damaged and misaddressed packages at a branch', () => {
  it('refuses every flipped byte and cut of head office’s package, another branch’s package and one from an unknown key, each with its reason, and skips a replay, changing nothing', async () => {
    const before = await dumpBranch(a.db);
    const copies = damagedCopies(toA, 5);
    expect(new Set(zipParts(toA).map((p) => p.name)).size).toBeGreaterThanOrEqual(8);
    const accepted: string[] = [];
    for (const [i, c] of copies.entries()) {
      const file = tmp.file(`HQ-${a.code}-damaged-${i}.blpkg`);
      writeFileSync(file, c.bytes);
      const r = await cli('sync', 'apply', file, '--db', a.db, '--json');
      if (r.json?.status !== 'refused' || r.code !== 1 || !/\S/.test(r.json.reason)) accepted.push(`${c.label}: ${r.stdout}`);
    }
    expect(accepted).toEqual([]);
    for (const [file, words] of [
      [files.forOtherBranch, '不是发给本机构'],
      [files.unknownHq, '未登记'],
    ]) {
      const r = await cli('sync', 'apply', file, '--db', a.db, '--json');
      expect(r.code, words).toBe(1);
      expect(r.json, words).toMatchObject({ status: 'refused', reason: expect.stringContaining(words) });
    }
    expect(quarantined(path.join(path.dirname(a.db), QUARANTINE_DIR))).toHaveLength(copies.length + 2);
    expect(await dumpBranch(a.db)).toEqual(before);

    // Head office's package itself is good: it applies, with its receipt.
    writeFileSync(tmp.file('toA.blpkg'), toA);
    expect(await ok('sync', 'apply', tmp.file('toA.blpkg'), '--db', a.db)).toMatchObject({ status: 'applied', seq: 1 });
    expect(await readBranch(a.db, async (app) => (await app.db.selectFrom('archive_receipts').select('id').execute()).length)).toBe(1);

    // A replay of it is skipped and changes nothing.
    const applied = await dumpBranch(a.db);
    expect(await ok('sync', 'apply', tmp.file('toA.blpkg'), '--db', a.db)).toMatchObject({ status: 'skipped', seq: 1 });
    expect(await dumpBranch(a.db)).toEqual(applied);
  });
});
