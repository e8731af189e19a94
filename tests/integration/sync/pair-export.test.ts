import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, createAppContext } from '../../../electron/backend/app-context';
import { dispatch } from '../../../electron/backend/rpc/dispatch';
import { createIdentity, fingerprintOf, parsePublicIdentity, publicIdentityOf, type PrivateIdentity } from '../../../electron/backend/sync/identity';
import { openPackage } from '../../../electron/backend/sync/read-package';
import { APP_VERSION } from '../../../electron/shared/app-version';
import { cli } from '../../helpers/cli-in-process';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let db: string;
let hq: PrivateIdentity;
let hqFile: string;

beforeEach(async () => {
  tmp = makeTempDir();
  db = tmp.file('ledger.sqlite');
  const app = await createAppContext(db);
  try {
    const init = await dispatch(app, 'setup.init', { branchCode: '880110', branchName: '白文支行', admin: { username: 'admin', displayName: '管理员', password: 'admin-pass-1' } }, {});
    expect(init.ok).toBe(true);
  } finally {
    await closeAppContext(app);
  }
  hq = await createIdentity('hq', 'HQ', '白文县联社');
  hqFile = tmp.file('hq-identity.json');
  writeFileSync(hqFile, JSON.stringify(await publicIdentityOf(hq)));
});
afterEach(() => tmp.cleanup());

/** Head office's reader, pinning the branch identity file the branch wrote. */
const hqKeys = async (branchIdentityFile: string) => {
  const branch = parsePublicIdentity(await readFile(branchIdentityFile, 'utf8'), 'branch');
  const hqPublic = await publicIdentityOf(hq);
  return {
    me: hq,
    myFingerprint: fingerprintOf(hqPublic.identity.signingKey),
    peer: (f: string) => (f === fingerprintOf(branch.identity.signingKey) ? { identity: branch.identity, revoked: false } : null),
  };
};

describe('sync pair and sync export', () => {
  it('pin head office, hand back the branch identity, and write packages head office opens, numbered and chained', async () => {
    expect((await cli('sync', 'export', '--db', db, '--out', tmp.file('usb'), '--json')).json.error.code).toBe('NOT_PAIRED');

    const out = tmp.file('branch-identity.json');
    expect((await cli('staff', 'add', '--db', db, '--username', 'clerk1', '--name', '内勤甲', '--role', 'clerk', '--as', 'admin', '--json')).code).toBe(0);
    expect((await cli('sync', 'pair', '--db', db, '--hq-identity', hqFile, '--out', tmp.file('b.json'), '--as', 'clerk1', '--json')).json.error.code).toBe('FORBIDDEN');
    const paired = await cli('sync', 'pair', '--db', db, '--hq-identity', hqFile, '--out', out, '--json');
    expect(paired.code).toBe(0);
    expect(paired.json).toMatchObject({ branch: { code: '880110', name: '白文支行' }, hq: { code: 'HQ', name: '白文县联社', fingerprint: fingerprintOf((await publicIdentityOf(hq)).identity.signingKey) }, identity: out });
    // Pairing again with the same head office changes nothing; another head office is refused.
    const again = await cli('sync', 'pair', '--db', db, '--hq-identity', hqFile, '--out', tmp.file('again.json'), '--as', 'admin', '--json');
    expect(again.json.branch.fingerprint).toBe(paired.json.branch.fingerprint);
    const otherFile = tmp.file('other-hq.json');
    writeFileSync(otherFile, JSON.stringify(await publicIdentityOf(await createIdentity('hq', 'HQ2', '别的联社'))));
    expect((await cli('sync', 'pair', '--db', db, '--hq-identity', otherFile, '--out', tmp.file('x.json'), '--as', 'admin', '--json')).json.error.code).toBe('ALREADY_PAIRED');

    const usb = tmp.file('usb');
    const first = await cli('sync', 'export', '--db', db, '--out', usb, '--as', 'clerk1', '--json');
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({ package: tmp.file('usb/880110/880110-HQ-000001.blpkg'), seq: 1 });
    expect(readdirSync(tmp.file('usb/880110'))).toEqual(['880110-HQ-000001.blpkg']);

    const keys = await hqKeys(out);
    const one = await openPackage(readFileSync(first.json.package), keys);
    expect(one.manifest).toMatchObject({ seq: 1, previousHash: null, ack: 0, appVersion: APP_VERSION, from: { kind: 'branch', code: '880110' }, to: { kind: 'hq', code: 'HQ' } });
    const staff = one.tables.find((t) => t.table === 'staff')?.rows ?? [];
    expect(staff.map((r) => r.username).sort()).toEqual(['admin', 'clerk1']);
    expect(JSON.stringify(one.tables)).not.toContain('password_hash');
    expect(first.json.rows).toBe(one.tables.reduce((n, t) => n + t.rows.length, 0));

    // Nothing acknowledged yet: the next package carries the same rows again, chained to the first.
    const second = await cli('sync', 'export', '--db', db, '--out', usb, '--as', 'clerk1', '--json');
    const two = await openPackage(readFileSync(second.json.package), keys);
    expect(two.manifest).toMatchObject({ seq: 2, previousHash: one.hash });
    expect(two.tables).toEqual(one.tables);
  });

  it('keeps the branch keys and the package bytes out of the change log', async () => {
    await cli('sync', 'pair', '--db', db, '--hq-identity', hqFile, '--out', tmp.file('b.json'), '--as', 'admin', '--json');
    await cli('sync', 'export', '--db', db, '--out', tmp.file('usb'), '--as', 'admin', '--json');
    const app = await createAppContext(db);
    try {
      const { rows } = await sql<{ after_json: string }>`select after_json from change_log where table_name in ('sync_identity', 'sync_outbox')`.execute(app.db);
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r.after_json).not.toMatch(/PRIVATE KEY|AGE-SECRET-KEY|UEsDB/);
      const stored = await app.db.selectFrom('sync_identity').select(['signing_key', 'age_identity']).executeTakeFirstOrThrow();
      expect(stored.signing_key).toContain('PRIVATE KEY');
      expect(stored.age_identity).toMatch(/^AGE-SECRET-KEY-1/);
    } finally {
      await closeAppContext(app);
    }
  });

  it('names the same version as package.json', () => {
    expect(APP_VERSION).toBe(JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version);
  });
});
