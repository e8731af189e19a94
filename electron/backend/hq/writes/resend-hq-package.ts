import { AppError } from '../../rpc/app-error';
import type { HqDb } from '../hq-db';
import type { BuiltHqPackage } from './build-hq-package';
import { hqWrite } from './hq-write';

/**
 * A package built earlier for a branch, byte for byte as it was built (hq_outbox keeps them). A
 * branch holds every package after a missing one until that one comes (sync/apply-package.ts):
 * a lost USB stick would stop its sync for good. The resend is logged; the branch skips a package
 * it already has.
 */
export async function resendHqPackage(db: HqDb, branchCode: string, seq: number, actor: string): Promise<BuiltHqPackage> {
  return hqWrite(db, actor, async (w) => {
    const branch = await w.trx.selectFrom('hq_branches').select(['revoked_at']).where('code', '=', branchCode).executeTakeFirst();
    if (!branch) throw new AppError('NOT_FOUND', `机构号 ${branchCode} 尚未登记。`, `hq export --resend: branch ${branchCode} not registered`);
    if (branch.revoked_at !== null) throw new AppError('BRANCH_REVOKED', `机构号 ${branchCode} 的登记已注销。`, `hq export --resend: branch ${branchCode} revoked`);
    const sent = await w.trx.selectFrom('hq_outbox').select(['file_name', 'rows', 'content']).where('branch_code', '=', branchCode).where('seq', '=', seq).executeTakeFirst();
    if (!sent) {
      const last = await w.trx.selectFrom('hq_outbox').select((eb) => eb.fn.max('seq').as('seq')).where('branch_code', '=', branchCode).executeTakeFirst();
      const top = Number(last?.seq ?? 0);
      throw new AppError(
        'NOT_FOUND',
        top === 0 ? `尚未给机构号 ${branchCode} 生成过同步包，没有可重发的。` : `没有发往机构号 ${branchCode} 的第 ${seq} 号同步包（已生成第 1–${top} 号）。`,
        `hq export --resend: no package ${seq} for branch ${branchCode} (last ${top})`,
      );
    }
    await w.log('resend_package', branchCode, { seq, fileName: sent.file_name });
    return { fileName: sent.file_name, seq, rows: sent.rows, bytes: Buffer.from(sent.content) };
  });
}
