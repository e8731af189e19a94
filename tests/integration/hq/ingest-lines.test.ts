import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHqDb, type HqConnection } from '../../../electron/backend/hq/hq-db';
import { initHqKeys, type HqKeys } from '../../../electron/backend/hq/hq-keys';
import { migrateHq } from '../../../electron/backend/hq/hq-migrator';
import { ingestPackages } from '../../../electron/backend/hq/ingest';
import { applyBranchPackage } from '../../../electron/backend/hq/writes/apply-branch-package';
import { registerBranch } from '../../../electron/backend/hq/writes/register-branch';
import { createIdentity, fingerprintOf, parsePublicIdentity, publicIdentityOf } from '../../../electron/backend/sync/identity';
import { packageFileName } from '../../../electron/backend/sync/package-format';
import { openPackage, type ReaderKeys } from '../../../electron/backend/sync/read-package';
import { buildPackage } from '../../../electron/backend/sync/write-package';
import { createHqTestDatabase, type HqTestDatabase } from '../../helpers/hq-database';
import { makeTempDir } from '../../helpers/temp-dir';

type Row = Record<string, unknown>;

/** Values COPY's text format must escape, and JSON's own escapes inside a string that is itself JSON. */
const awkward = (n: number): Row => ({
  id: `c-${n}`,
  note: `第${n}次：\\\\server\\share\t制表\n换行\r回车 "引号" 😀 \u0001`,
  figures_json: JSON.stringify({ noticeNo: `2026-${n}`, path: 'C:\\notices\\a.pdf', quote: '"' }),
  promise_fen: 123_456_789_012 + n,
  reached: n % 2 === 0 ? null : true,
  nested: { list: [1, 'two', { three: [] }], empty: {} },
});

/** Each branch's three packages: rows added, then one changed and one deleted, then more added. */
const CONTENTS: Array<Array<{ table: string; rows: Row[] }>> = [
  [{ table: 'contacts', rows: [awkward(1), awkward(2), awkward(3)] }, { table: 'notices', rows: [{ id: 'n-1', status: 'issued', receipt_on: null }] }],
  [{ table: 'contacts', rows: [{ ...awkward(2), note: '改过' }, { id: 'c-3', _deleted: true }] }],
  [{ table: 'contacts', rows: [awkward(4)] }, { table: 'notices', rows: [{ id: 'n-1', status: 'issued', receipt_on: '2026-11-02' }] }],
];

let tmp: ReturnType<typeof makeTempDir>;
let lines: HqTestDatabase;
let parsed: HqTestDatabase;
let keys: HqKeys;
/** Each branch's packages in seq order, as written to disk. */
const packages: Record<string, string[]> = {};

beforeAll(async () => {
  tmp = makeTempDir('bl-hq-lines-');
  [lines, parsed] = await Promise.all([createHqTestDatabase(), createHqTestDatabase()]);
  keys = (await initHqKeys(tmp.file('hq'), 'HQ01', '市联社')).keys;
  for (const url of [lines.url, parsed.url]) {
    const conn = openHqDb(url);
    try {
      await migrateHq(conn.db);
    } finally {
      await conn.close();
    }
  }
  for (const code of ['140101', '140102']) {
    const secret = await createIdentity('branch', code, `支行${code}`);
    const pub = await publicIdentityOf(secret);
    for (const url of [lines.url, parsed.url]) {
      const conn = openHqDb(url);
      try {
        await registerBranch(conn.db, 'test', JSON.stringify(pub));
      } finally {
        await conn.close();
      }
    }
    mkdirSync(tmp.file(code));
    packages[code] = [];
    let previousHash: string | null = null;
    for (const [i, tables] of CONTENTS.entries()) {
      const built = await buildPackage(secret, pub, keys.public, { seq: i + 1, previousHash, ack: 0, schemaVersion: '0110', appVersion: 'test', tables });
      previousHash = built.hash;
      const file = path.join(tmp.file(code), packageFileName(code, 'HQ01', i + 1));
      writeFileSync(file, built.bytes);
      packages[code].push(file);
    }
  }
});

afterAll(async () => {
  await Promise.all([lines?.drop(), parsed?.drop()]);
  tmp?.cleanup();
});

async function branchRows(conn: HqConnection): Promise<Array<{ branch_code: string; table_name: string; row_id: string; data: string; package_seq: number }>> {
  const { rows } = await conn.pool.query('select branch_code, table_name, row_id, data::text as data, package_seq from branch_rows order by 1, 2, 3');
  return rows;
}

describe('head office ingest of branch packages', () => {
  it('stores the rows from the lines as the packages hold them exactly as it stores the rows parsed and written again, whatever order the files come in', async () => {
    // The images written again from parsed rows (the path without the lines), package by package in seq order.
    const conn = openHqDb(parsed.url);
    let expected;
    try {
      const byFingerprint = new Map<string, { identity: ReturnType<typeof parsePublicIdentity>['identity']; revoked: boolean }>();
      for (const b of await conn.db.selectFrom('hq_branches').select(['public_identity', 'fingerprint']).execute()) {
        byFingerprint.set(b.fingerprint, { identity: parsePublicIdentity(b.public_identity, 'branch').identity, revoked: false });
      }
      const reader: ReaderKeys = { me: keys.secret, myFingerprint: fingerprintOf(keys.public.identity.signingKey), peer: (f) => byFingerprint.get(f) ?? null };
      for (const files of Object.values(packages)) {
        for (const file of files) {
          const opened = await openPackage(readFileSync(file), reader);
          expect(opened.tables.every((t) => t.lines === undefined)).toBe(true);
          await applyBranchPackage(conn, 'test', opened, path.basename(file), false);
        }
      }
      expected = await branchRows(conn);
    } finally {
      await conn.close();
    }

    // Shuffled, with a copy of one package twice: later seqs before earlier ones, branches interleaved.
    const [a, b] = [packages['140101'], packages['140102']];
    const shuffled = [b[1], a[2], a[0], b[0], a[1], b[2], a[0]];
    const hq = openHqDb(lines.url);
    try {
      const result = await ingestPackages(hq, keys, tmp.file('hq'), shuffled, 'test');
      expect(result).toEqual({ applied: 6, skipped: 1, held: 0, refused: [] });
      const got = await branchRows(hq);
      expect(got).toEqual(expected);
      expect(got.map((r) => r.row_id)).toEqual(['c-1', 'c-2', 'c-4', 'n-1', 'c-1', 'c-2', 'c-4', 'n-1']);
      const c1 = got.find((r) => r.row_id === 'c-1');
      expect(JSON.parse(c1?.data ?? '')).toEqual(awkward(1));
      const { rows: inbox } = await hq.pool.query("select branch_code, seq, status from hq_inbox order by 1, 2");
      expect(inbox).toEqual(['140101', '140102'].flatMap((code) => [1, 2, 3].map((seq) => ({ branch_code: code, seq, status: 'applied' }))));
      // Every package was taken in in its branch's order: none had to be held.
      const { rows: held } = await hq.pool.query("select count(*)::integer as n from hq_log where action = 'hold_package'");
      expect(held[0].n).toBe(0);
    } finally {
      await hq.close();
    }
  });
});
