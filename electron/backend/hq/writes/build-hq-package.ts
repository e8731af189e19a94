import { sql } from 'kysely';
import { migrations } from '../../../../migrations';
import { APP_VERSION } from '../../../shared/app-version';
import { AppError } from '../../rpc/app-error';
import { parsePublicIdentity } from '../../sync/identity';
import { packageFileName } from '../../sync/package-format';
import { buildPackage } from '../../sync/write-package';
import type { HqDb } from '../hq-db';
import type { HqKeys } from '../hq-keys';
import { hqWrite } from './hq-write';

export interface BuiltHqPackage {
  fileName: string;
  seq: number;
  rows: number;
  bytes: Buffer;
}

/** The newest branch schema this build knows: what a package says when the branch has not yet said its own. */
const LATEST_BRANCH_SCHEMA = Object.keys(migrations).sort().at(-1)!;

/**
 * The next package for a branch: head office's rows for it changed after the package the branch
 * last acknowledged (so a lost one is covered by the next), numbered and chained after the last
 * one built, acknowledging the branch's packages applied here, recorded with its bytes.
 */
export async function buildHqPackage(db: HqDb, keys: HqKeys, branchCode: string, actor: string): Promise<BuiltHqPackage> {
  return hqWrite(db, actor, async (w) => {
    const branch = await w.trx.selectFrom('hq_branches').selectAll().where('code', '=', branchCode).forUpdate().executeTakeFirst();
    if (!branch) throw new AppError('NOT_FOUND', `机构号 ${branchCode} 尚未登记。`, `hq export: branch ${branchCode} not registered`);
    if (branch.revoked_at !== null) throw new AppError('BRANCH_REVOKED', `机构号 ${branchCode} 的登记已注销。`, `hq export: branch ${branchCode} revoked`);
    // Waits for head-office rows being written now: none committed later may carry a seq below the one read here.
    await sql`lock table hq_rows in share mode`.execute(w.trx);
    const outbox = w.trx.selectFrom('hq_outbox').where('branch_code', '=', branchCode);
    const last = await outbox.select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const acked = branch.acked_seq === 0 ? null : await outbox.select('up_to_seq').where('seq', '=', branch.acked_seq).executeTakeFirst();
    const from = acked?.up_to_seq ?? 0;
    const top = await w.trx.selectFrom('hq_rows').select((eb) => eb.fn.max('change_seq').as('seq')).where('branch_code', '=', branchCode).executeTakeFirst();
    const upTo = Math.max(from, Number(top?.seq ?? 0));
    const rows = await w.trx
      .selectFrom('hq_rows')
      .select(['table_name', 'data'])
      .where('branch_code', '=', branchCode)
      .where('change_seq', '>', from)
      .where('change_seq', '<=', upTo)
      .orderBy('table_name')
      .orderBy('id')
      .execute();
    const tables = new Map<string, Array<Record<string, unknown>>>();
    for (const r of rows) tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), r.data]);
    const applied = await w.trx
      .selectFrom('hq_inbox')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('branch_code', '=', branchCode)
      .where('status', '=', 'applied')
      .executeTakeFirst();
    const seq = (last?.seq ?? 0) + 1;
    const built = await buildPackage(
      keys.secret,
      keys.public,
      parsePublicIdentity(branch.public_identity, 'branch'),
      {
        seq,
        previousHash: last?.hash ?? null,
        ack: Number(applied?.seq ?? 0),
        schemaVersion: branch.schema_version ?? LATEST_BRANCH_SCHEMA,
        appVersion: APP_VERSION,
        tables: [...tables].map(([table, tableRows]) => ({ table, rows: tableRows })),
      },
      w.now,
    );
    const fileName = packageFileName(keys.secret.code, branchCode, seq);
    await w.trx
      .insertInto('hq_outbox')
      .values({ branch_code: branchCode, seq, hash: built.hash, previous_hash: last?.hash ?? null, up_to_seq: upTo, rows: rows.length, file_name: fileName, content: built.bytes, created_at: w.now, created_by: actor })
      .execute();
    await w.log('build_package', branchCode, { seq, rows: rows.length, fileName, packageId: built.manifest.packageId });
    return { fileName, seq, rows: rows.length, bytes: built.bytes };
  });
}
