import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHqDb, type HqConnection } from '../../../electron/backend/hq/hq-db';
import { initHqKeys, type HqKeys } from '../../../electron/backend/hq/hq-keys';
import { migrateHq } from '../../../electron/backend/hq/hq-migrator';
import { ingestPackages } from '../../../electron/backend/hq/ingest';
import { registerBranch } from '../../../electron/backend/hq/writes/register-branch';
import { createIdentity, publicIdentityOf, type PrivateIdentity, type PublicIdentity } from '../../../electron/backend/sync/identity';
import { buildPackage, type BuiltPackage } from '../../../electron/backend/sync/write-package';
import { createHqTestDatabase, type HqTestDatabase } from '../../helpers/hq-database';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let pgdb: HqTestDatabase;
let conn: HqConnection;
let keys: HqKeys;
let branch: PrivateIdentity;
let branchPublic: PublicIdentity;

beforeAll(async () => {
  tmp = makeTempDir('bl-hq-reissued-');
  pgdb = await createHqTestDatabase();
  conn = openHqDb(pgdb.url);
  await migrateHq(conn.db);
  keys = (await initHqKeys(tmp.file('hq'), 'HQ', '联社')).keys;
  branch = await createIdentity('branch', '101', '一支行');
  branchPublic = await publicIdentityOf(branch);
  await registerBranch(conn.db, 'test', JSON.stringify(branchPublic));
});
afterAll(async () => {
  await conn.close();
  await pgdb.drop();
  tmp.cleanup();
});

/** The branch's packages `from`..`to`, chained after `previousHash`, each carrying one contact named after `tag`. */
async function packages(from: number, to: number, previousHash: string | null, tag: string): Promise<BuiltPackage[]> {
  const out: BuiltPackage[] = [];
  for (let seq = from; seq <= to; seq++) {
    const rows = [{ id: `${tag}-${seq}`, note: `${tag} ${seq}` }];
    out.push(await buildPackage(branch, branchPublic, keys.public, { seq, previousHash: out.at(-1)?.hash ?? previousHash, ack: 0, schemaVersion: '0120-hq-messages', appVersion: '0.1.0', tables: [{ table: 'contacts', rows }] }));
  }
  return out;
}

const ingest = async (p: BuiltPackage, name: string) => {
  writeFileSync(tmp.file(name), p.bytes);
  return ingestPackages(conn, keys, tmp.file('hq'), [tmp.file(name)], 'test');
};
const inbox = async () => (await conn.db.selectFrom('hq_inbox').select(['seq', 'status']).orderBy('seq').execute()).map((r) => `${r.seq}:${r.status}`);
const contacts = async () => (await conn.db.selectFrom('branch_rows').select('row_id').where('table_name', '=', 'contacts').orderBy('row_id').execute()).map((r) => r.row_id);

describe('head office takes in a branch that restored a backup and numbered its packages again', () => {
  it('refuses another package under a number already in, drops a held one that no longer follows, and then takes the right one', async () => {
    const [p1, p2, p3] = await packages(1, 3, null, 'a');
    expect(await ingest(p1, '101-HQ-000001.blpkg')).toEqual({ applied: 1, skipped: 0, held: 0, refused: [] });
    const [other1] = await packages(1, 1, null, 'b');
    const conflict = await ingest(other1, 'other-000001.blpkg');
    expect(conflict.refused).toEqual([{ package: tmp.file('other-000001.blpkg'), reason: expect.stringContaining('编号相同而内容不同') }]);

    const [, stray3] = await packages(2, 3, p1.hash, 'c');
    expect((await ingest(stray3, 'stray-000003.blpkg')).held).toBe(1);
    const second = await ingest(p2, '101-HQ-000002.blpkg');
    expect(second).toMatchObject({ applied: 1, held: 0, refused: [{ package: 'stray-000003.blpkg', reason: expect.stringContaining('已移出暂存') }] });
    expect(await inbox()).toEqual(['1:applied', '2:applied']);
    expect(await contacts()).toEqual(['a-1', 'a-2']);
    expect(await ingest(p3, '101-HQ-000003.blpkg')).toEqual({ applied: 1, skipped: 0, held: 0, refused: [] });
    expect(await contacts()).toEqual(['a-1', 'a-2', 'a-3']);
  });
});
