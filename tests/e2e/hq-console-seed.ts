import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { migrations } from '../../migrations';
import { APP_VERSION } from '../../electron/shared/app-version';
import { sealManifest } from '../../electron/backend/archive-handover/manifest';
import { openHqDb, type HqConnection } from '../../electron/backend/hq/hq-db';
import { initHqKeys, type HqKeys } from '../../electron/backend/hq/hq-keys';
import { migrateHq } from '../../electron/backend/hq/hq-migrator';
import { ingestPackages } from '../../electron/backend/hq/ingest';
import { addHqUser } from '../../electron/backend/hq/writes/add-hq-user';
import { registerBranch } from '../../electron/backend/hq/writes/register-branch';
import { createIdentity, publicIdentityOf } from '../../electron/backend/sync/identity';
import { packageFileName } from '../../electron/backend/sync/package-format';
import { buildPackage } from '../../electron/backend/sync/write-package';

/**
 * A head office with one console user and one branch whose first package (built by the branch's
 * own package code, with rows shaped as the branch's tables are) has been ingested: an import
 * summary, archive files (two past their hand-over deadline), notices, and a hand-over batch sent
 * and waiting for head office's receipt. Shared by the console's integration test and its e2e spec.
 */
export const SEED = {
  user: { username: 'zhangsan', name: '张三', password: 'zongHang-2026!' },
  branch: { code: 'B01', name: '城关支行' },
  batchNo: '城关支行档移〔2026〕第001号',
  files: [
    { loanNo: 'JJ2026000101', contractNo: 'HT-2026-0101', borrower: '王建国' },
    { loanNo: 'JJ2026000102', contractNo: 'HT-2026-0102', borrower: '李秀英' },
    { loanNo: 'JJ2026000103', contractNo: 'HT-2026-0103', borrower: '赵<b>强</b>' },
  ],
} as const;

const LATEST_BRANCH_SCHEMA = Object.keys(migrations).sort().at(-1)!;

function branchRows(now: number): Array<{ table: string; rows: Array<Record<string, unknown>> }> {
  const { text, manifest } = sealManifest({
    format: 'branch-ledger/archive-manifest',
    formatVersion: 1,
    batch: { no: SEED.batchNo, year: 2026, seq: 1, handedOn: '2026-11-25', handedBy: '档案员' },
    branch: { ...SEED.branch },
    files: SEED.files.map((f) => ({ ...f, disbursedOn: '2026-09-01', documents: [{ name: '借款合同', pages: 4 }], pages: 4 })),
    totals: { files: 3, documents: 3, pages: 12 },
  });
  const stamp = { created_at: now, updated_at: now };
  const bucket = (loans: number, balanceFen: number) => ({ loans, balanceFen });
  return [
    {
      table: 'imports',
      rows: [
        {
          id: 'imp-1',
          as_of: '2026-11-30',
          ...stamp,
          book: { loans: 120, balanceFen: 3_500_000_000, overdueLoans: 7, overdueBalanceFen: 21_000_000, buckets: { '1-30': bucket(3, 6_000_000), '31-90': bucket(2, 5_000_000), '91-180': bucket(1, 4_000_000), '181-360': bucket(1, 6_000_000), '361+': bucket(0, 0) } },
        },
      ],
    },
    {
      table: 'archive_files',
      rows: [
        { id: 'af-1', loan_id: 'loan-1', disbursed_on: '2026-08-01', due_on: '2026-09-01', status: 'collecting', ...stamp },
        { id: 'af-2', loan_id: 'loan-2', disbursed_on: '2026-08-02', due_on: '2026-09-02', status: 'reviewed', ...stamp },
        ...SEED.files.map((_, i) => ({ id: `af-h${i}`, loan_id: `loan-h${i}`, disbursed_on: '2026-09-01', due_on: '2026-12-31', status: 'handed_over', batch_id: 'batch-1', ...stamp })),
      ],
    },
    {
      table: 'notices',
      rows: [
        { id: 'n-1', status: 'issued', receipt_on: '2026-11-20', ...stamp },
        { id: 'n-2', status: 'issued', receipt_on: null, ...stamp },
      ],
    },
    {
      table: 'archive_batches',
      rows: [
        { id: 'batch-1', batch_no: SEED.batchNo, year: 2026, seq: 1, handed_on: '2026-11-25', files: 3, documents: 3, pages: 12, manifest: text, sha256: manifest.sha256, status: 'sent', received_on: null, received_by: '', receipt_source: null, received_files: 0, discrepancy_files: 0, staff_id: 'staff-1', ...stamp },
      ],
    },
  ];
}

export interface SeededHq {
  conn: HqConnection;
  keys: HqKeys;
  hqDir: string;
}

/** Seeds the database at `url` (migrated here) with head office's keys in `<dir>/hq`. The caller closes `conn`. */
export async function seedHqConsole(url: string, dir: string): Promise<SeededHq> {
  const conn = openHqDb(url);
  await migrateHq(conn.db);
  const hqDir = path.join(dir, 'hq');
  const { keys } = await initHqKeys(hqDir, 'HQ', '总行');
  const branch = await createIdentity('branch', SEED.branch.code, SEED.branch.name);
  const branchPublic = await publicIdentityOf(branch);
  await registerBranch(conn.db, '测试', JSON.stringify(branchPublic, null, 2));
  const built = await buildPackage(branch, branchPublic, keys.public, { seq: 1, previousHash: null, ack: 0, schemaVersion: LATEST_BRANCH_SCHEMA, appVersion: APP_VERSION, tables: branchRows(Date.now()) });
  const file = path.join(dir, 'usb', SEED.branch.code, packageFileName(SEED.branch.code, 'HQ', 1));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, built.bytes);
  const result = await ingestPackages(conn, keys, hqDir, [file], '测试');
  if (result.applied !== 1) throw new Error(`seed package not applied: ${JSON.stringify(result)}`);
  await addHqUser(conn.db, '测试', SEED.user);
  return { conn, keys, hqDir };
}
