import { AppError } from '../../rpc/app-error';
import { fingerprintOf, parsePublicIdentity } from '../../sync/identity';
import type { HqDb } from '../hq-db';
import { hqWrite } from './hq-write';

export interface RegisteredBranch {
  code: string;
  name: string;
  fingerprint: string;
  /** False when this very identity was registered before (registering is idempotent). */
  created: boolean;
}

/**
 * Pins a branch's identity file (its signing key's fingerprint) under its code. The same file again
 * changes nothing; another key for a registered code, or a key registered for another code, is refused.
 */
export async function registerBranch(db: HqDb, actor: string, identityText: string): Promise<RegisteredBranch> {
  const identity = parsePublicIdentity(identityText, 'branch').identity;
  const fingerprint = fingerprintOf(identity.signingKey);
  return hqWrite(db, actor, async (w) => {
    const byCode = await w.trx.selectFrom('hq_branches').selectAll().where('code', '=', identity.code).forUpdate().executeTakeFirst();
    if (byCode) {
      if (byCode.fingerprint !== fingerprint) {
        throw new AppError('BRANCH_KEY_CONFLICT', `机构号 ${identity.code}（${byCode.name}）已登记了另一把密钥：更换密钥须先注销原登记。`, `branch ${identity.code} is registered with key ${byCode.fingerprint}`);
      }
      return { code: byCode.code, name: byCode.name, fingerprint, created: false };
    }
    const byKey = await w.trx.selectFrom('hq_branches').select('code').where('fingerprint', '=', fingerprint).executeTakeFirst();
    if (byKey) throw new AppError('BRANCH_KEY_CONFLICT', `这把密钥已登记在机构号 ${byKey.code} 下。`, `key ${fingerprint} is registered for ${byKey.code}`);
    await w.trx
      .insertInto('hq_branches')
      .values({ code: identity.code, name: identity.name, fingerprint, public_identity: identityText, registered_at: w.now, revoked_at: null, schema_version: null })
      .execute();
    await w.log('register_branch', identity.code, { name: identity.name, fingerprint });
    return { code: identity.code, name: identity.name, fingerprint, created: true };
  });
}
