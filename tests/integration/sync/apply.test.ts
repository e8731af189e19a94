import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, createAppContext } from '../../../electron/backend/app-context';
import { dispatch } from '../../../electron/backend/rpc/dispatch';
import { QUARANTINE_DIR } from '../../../electron/backend/sync/apply-package';
import { QUARANTINE_LIMITS, REASON_SUFFIX } from '../../../electron/backend/sync/quarantine-folder';
import { createIdentity, parsePublicIdentity, publicIdentityOf, type PrivateIdentity, type PublicIdentity } from '../../../electron/backend/sync/identity';
import { buildPackage, type BuiltPackage } from '../../../electron/backend/sync/write-package';
import type { SyncStatus } from '../../../electron/shared/api/sync';
import { cli } from '../../helpers/cli-in-process';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let db: string;
let hq: PrivateIdentity;
let hqPublic: PublicIdentity;
let branchPublic: PublicIdentity;

const SCHEMA = '0100-sync';

beforeEach(async () => {
  tmp = makeTempDir();
  db = tmp.file('ledger.sqlite');
  const app = await createAppContext(db);
  try {
    expect((await dispatch(app, 'setup.init', { branchCode: '880110', branchName: '白文支行', admin: { username: 'admin', displayName: '管理员', password: 'admin-pass-1' } }, {})).ok).toBe(true);
  } finally {
    await closeAppContext(app);
  }
  hq = await createIdentity('hq', 'HQ', '白文县联社');
  hqPublic = await publicIdentityOf(hq);
  writeFileSync(tmp.file('hq.json'), JSON.stringify(hqPublic));
  expect((await cli('sync', 'pair', '--db', db, '--hq-identity', tmp.file('hq.json'), '--out', tmp.file('branch.json'), '--json')).code).toBe(0);
  branchPublic = parsePublicIdentity(readFileSync(tmp.file('branch.json'), 'utf8'), 'branch');
});
afterEach(() => tmp.cleanup());

const holiday = (n: number) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, day: `2027-0${n}-01`, kind: 'holiday', name: `假日${n}`, created_at: 1, updated_at: 1 });

/** Head office's packages 1..n to the branch, each adding one holiday, chained; `ack` acknowledges the branch's packages. */
async function hqPackages(n: number, ack = 0): Promise<BuiltPackage[]> {
  const out: BuiltPackage[] = [];
  for (let seq = 1; seq <= n; seq++) {
    out.push(await buildPackage(hq, hqPublic, branchPublic, { seq, previousHash: out[seq - 2]?.hash ?? null, ack, schemaVersion: SCHEMA, appVersion: '0.1.0', tables: [{ table: 'calendar_days', rows: [holiday(seq)] }] }));
  }
  return out;
}

function file(p: BuiltPackage, name = `HQ-880110-00000${p.manifest.seq}.blpkg`): string {
  writeFileSync(tmp.file(name), p.bytes);
  return tmp.file(name);
}

async function state(): Promise<{ holidays: string[]; inbox: string[]; log: number }> {
  const app = await createAppContext(db);
  try {
    const holidays = (await app.db.selectFrom('calendar_days').select('name').orderBy('day').execute()).map((r) => r.name);
    const inbox = (await app.db.selectFrom('sync_inbox').select(['seq', 'status']).orderBy('seq').execute()).map((r) => `${r.seq}:${r.status}`);
    const log = Number((await sql<{ n: number }>`select count(*) as n from change_log`.execute(app.db)).rows[0].n);
    return { holidays, inbox, log };
  } finally {
    await closeAppContext(app);
  }
}

const apply = (path: string) => cli('sync', 'apply', path, '--db', db, '--json');

describe('sync apply', () => {
  it('applies in order: a replay is skipped, a package after a gap is held, and applied once the gap fills', async () => {
    const [p1, p2, p3] = await hqPackages(3);
    const before = (await state()).holidays;
    expect(await apply(file(p1))).toMatchObject({ code: 0, json: { status: 'applied', seq: 1, applied: [1] } });
    expect(await apply(file(p1))).toMatchObject({ code: 0, json: { status: 'skipped', seq: 1 } });
    const held = await apply(file(p3));
    expect(held).toMatchObject({ code: 1, json: { status: 'held', seq: 3 } });
    expect(held.json.reason).toContain('第 2 号包');
    expect((await state()).holidays).toEqual([...before, '假日1']);
    expect(await apply(file(p3))).toMatchObject({ code: 0, json: { status: 'skipped' } });
    expect(await apply(file(p2))).toMatchObject({ code: 0, json: { status: 'applied', seq: 2, applied: [2, 3] } });
    const after = await state();
    expect(after.holidays).toEqual([...before, '假日1', '假日2', '假日3']);
    expect(after.inbox).toEqual(['1:applied', '2:applied', '3:applied']);

    const app = await createAppContext(db);
    try {
      const causes = await sql<{ cause_kind: string; cause_id: string }>`
        select distinct t.cause_kind, t.cause_id from change_log c join change_txns t on t.id = c.txn_id where c.table_name = 'calendar_days'`.execute(app.db);
      expect(causes.rows.map((r) => r.cause_kind)).toEqual(['sync', 'sync', 'sync']);
      expect(causes.rows.map((r) => r.cause_id).sort()).toEqual([p1, p2, p3].map((p) => p.manifest.packageId).sort());
    } finally {
      await closeAppContext(app);
    }
  });

  it('records head office’s acknowledgement, so that the next export starts after the package it applied', async () => {
    const usb = tmp.file('usb');
    const first = await cli('sync', 'export', '--db', db, '--out', usb, '--json');
    expect(first.json.rows).toBeGreaterThan(0);
    const [p1] = await hqPackages(1, 1);
    expect((await apply(file(p1))).json.status).toBe('applied');
    const next = await cli('sync', 'export', '--db', db, '--out', usb, '--json');
    // Only what changed since package 1 was read: the peer row's acknowledgement is local, the holiday is head office's.
    expect(next.json).toMatchObject({ seq: 2, rows: 0 });
  });

  it('refuses a damaged package, head office data it may not send, another branch’s package and a newer schema, changing nothing and keeping a copy with the reason', async () => {
    const [p1] = await hqPackages(1);
    const flipped = Buffer.from(p1.bytes);
    flipped[Math.floor(flipped.length / 2)] ^= 0x20;
    const branchRows = await buildPackage(hq, hqPublic, branchPublic, { seq: 1, previousHash: null, ack: 0, schemaVersion: SCHEMA, appVersion: '0.1.0', tables: [{ table: 'contacts', rows: [{ id: 'x' }] }] });
    const otherBranch = await publicIdentityOf(await createIdentity('branch', '880120', '林家坪支行'));
    const forOther = await buildPackage(hq, hqPublic, otherBranch, { seq: 1, previousHash: null, ack: 0, schemaVersion: SCHEMA, appVersion: '0.1.0', tables: [] });
    const newer = await buildPackage(hq, hqPublic, branchPublic, { seq: 1, previousHash: null, ack: 0, schemaVersion: '9999-future', appVersion: '9.0.0', tables: [] });

    const before = await state();
    const cases: Array<[Buffer, string, string]> = [
      [flipped, 'flipped.blpkg', '损坏'],
      [branchRows.bytes, 'branch-rows.blpkg', '总行无权下发'],
      [forOther.bytes, 'other.blpkg', '不是发给本机构'],
      [newer.bytes, 'newer.blpkg', '升级'],
    ];
    for (const [bytes, name, words] of cases) {
      writeFileSync(tmp.file(name), bytes);
      const r = await apply(tmp.file(name));
      expect(r.code, name).toBe(1);
      expect(r.json.status, name).toBe('refused');
      expect(r.json.reason, name).toContain(words);
    }
    // Nor is such a package held when it comes after a gap (it would break the apply that drains it).
    const lateBranchRows = await buildPackage(hq, hqPublic, branchPublic, { seq: 3, previousHash: 'b'.repeat(64), ack: 0, schemaVersion: SCHEMA, appVersion: '0.1.0', tables: [{ table: 'contacts', rows: [{ id: 'x' }] }] });
    writeFileSync(tmp.file('late.blpkg'), lateBranchRows.bytes);
    expect((await apply(tmp.file('late.blpkg'))).json).toMatchObject({ status: 'refused', reason: expect.stringContaining('总行无权下发') });
    expect(await state()).toEqual(before);
    const quarantined = readdirSync(tmp.file(QUARANTINE_DIR));
    expect(quarantined.filter((f) => f.endsWith('.blpkg'))).toHaveLength(5);
    expect(quarantined.filter((f) => f.endsWith('.reason.txt'))).toHaveLength(5);
    // The good package still applies after the refusals.
    expect((await apply(file(p1))).json.status).toBe('applied');

    const app = await createAppContext(db);
    try {
      const status = await dispatch(app, 'sync.status', {}, { cli: { as: null } });
      if (!status.ok) throw new Error(status.error.message);
      const view = status.value as SyncStatus;
      expect(view.hq).toMatchObject({ code: 'HQ', name: '白文县联社', ackedSeq: 0 });
      expect(view.received).toEqual([expect.objectContaining({ seq: 1, status: 'applied', fileName: 'HQ-880110-000001.blpkg' })]);
      expect(view.refused.map((r) => r.fileName).sort()).toEqual(['branch-rows.blpkg', 'flipped.blpkg', 'late.blpkg', 'newer.blpkg', 'other.blpkg']);
      expect(view.refused.find((r) => r.fileName === 'other.blpkg')?.reason).toContain('不是发给本机构');
    } finally {
      await closeAppContext(app);
    }
  });
});

describe('sync apply after head office restored a backup and numbered its packages again', () => {
  /** Head office's packages from `from` on, chained after `previousHash`, each adding holiday `tag`+seq. */
  async function reissued(from: number, to: number, previousHash: string | null, name: (seq: number) => string): Promise<BuiltPackage[]> {
    const out: BuiltPackage[] = [];
    for (let seq = from; seq <= to; seq++) {
      const rows = [{ ...holiday(seq), id: `00000000-0000-4000-8000-00000000010${seq}`, day: `2027-0${seq}-15`, name: name(seq) }];
      out.push(await buildPackage(hq, hqPublic, branchPublic, { seq, previousHash: out.at(-1)?.hash ?? previousHash, ack: 0, schemaVersion: SCHEMA, appVersion: '0.1.0', tables: [{ table: 'calendar_days', rows }] }));
    }
    return out;
  }

  it('refuses another package under a number already taken in, and drops a held one that no longer follows, so that the right one can come', async () => {
    const [p1, p2, p3] = await hqPackages(3);
    expect((await apply(file(p1))).json.status).toBe('applied');
    // Another package 1: not a replay, a conflict.
    const [other1] = await reissued(1, 1, null, (s) => `另一个${s}`);
    const conflict = await apply(file(other1, 'other-1.blpkg'));
    expect(conflict).toMatchObject({ code: 1, json: { status: 'refused' } });
    expect(conflict.json.reason).toContain('编号相同而内容不同');

    // A package 3 chained after another package 2 is held; then the real package 2 comes.
    const [, stray3] = await reissued(2, 3, p1.hash, (s) => `恢复后${s}`);
    expect((await apply(file(stray3, 'stray-3.blpkg'))).json.status).toBe('held');
    const before = await state();
    expect(await apply(file(p2))).toMatchObject({ code: 0, json: { status: 'applied', applied: [2] } });
    const after = await state();
    expect(after.inbox).toEqual(['1:applied', '2:applied']);
    expect(after.holidays).toEqual([...before.holidays, '假日2']);
    expect(readdirSync(tmp.file(QUARANTINE_DIR)).filter((n) => n.endsWith('stray-3.blpkg'))).toHaveLength(1);
    // The right package 3 is now taken in.
    expect(await apply(file(p3))).toMatchObject({ code: 0, json: { status: 'applied', applied: [3] } });

    // An empty file is refused as damaged, with the reason, like any other.
    writeFileSync(tmp.file('empty.blpkg'), '');
    const empty = await apply(tmp.file('empty.blpkg'));
    expect(empty).toMatchObject({ code: 1, json: { status: 'refused' } });
    expect(empty.json.reason).toContain('损坏');
  });
});

describe('the quarantine folder', () => {
  it('keeps the newest refused packages only, so that damaged packages sent over and over cannot fill the disk', async () => {
    const app = await createAppContext(db);
    const limit = QUARANTINE_LIMITS.packages;
    QUARANTINE_LIMITS.packages = 20;
    try {
      const login = await dispatch(app, 'auth.login', { username: 'admin', password: 'admin-pass-1' });
      if (!login.ok) throw new Error(login.error.message);
      const token = (login.value as { token: string }).token;
      const junk = Buffer.from('not a package').toString('base64');
      for (let i = 0; i < 23; i++) {
        const r = await dispatch(app, 'sync.applyPackage', { fileName: `junk-${String(i).padStart(2, '0')}.blpkg`, contentBase64: junk }, { token });
        expect(r).toMatchObject({ ok: true, value: { status: 'refused' } });
      }
    } finally {
      QUARANTINE_LIMITS.packages = limit;
      await closeAppContext(app);
    }
    const names = readdirSync(tmp.file(QUARANTINE_DIR));
    const copies = names.filter((n) => n.endsWith('.blpkg')).map((n) => n.replace(/^\d{8}-\d{6}-[0-9a-f]{8}-/, ''));
    expect(copies).toHaveLength(20);
    expect(names.filter((n) => n.endsWith(REASON_SUFFIX))).toHaveLength(20);
    // The newest are kept, the three oldest gone.
    expect(copies.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `junk-${String(i + 3).padStart(2, '0')}.blpkg`));
  });
});
