import type { SyncPairing, SyncPartyView } from '../../shared/api/sync';
import { readSettings } from '../auth/settings';
import type { WriteContext } from '../changelog/write-context';
import type { ReadDb } from '../db/read-db';
import type { Row } from '../db/schema';
import { AppError } from '../rpc/app-error';
import { ORG_CODE_MESSAGE, ORG_CODE_PATTERN } from '../../shared/org-code';
import { createIdentity, fingerprintOf, parsePublicIdentity, publicIdentityOf, type PrivateIdentity, type PublicIdentity } from './identity';

export interface BranchKeys {
  secret: PrivateIdentity;
  public: PublicIdentity;
  fingerprint: string;
}

export function keysOf(row: Row<'sync_identity'>): BranchKeys {
  const pub = JSON.parse(row.public_identity) as PublicIdentity;
  return {
    secret: { kind: 'branch', code: row.code, name: row.name, signingKey: row.signing_key, ageIdentity: row.age_identity },
    public: pub,
    fingerprint: fingerprintOf(pub.identity.signingKey),
  };
}

export async function branchKeys(db: ReadDb): Promise<BranchKeys | null> {
  const row = await db.selectFrom('sync_identity').selectAll().executeTakeFirst();
  return row ? keysOf(row) : null;
}

/** The head office this branch is paired with (not revoked), or null. */
export async function pairedHq(db: ReadDb): Promise<Row<'sync_peers'> | null> {
  return (await db.selectFrom('sync_peers').selectAll().where('revoked_at', 'is', null).executeTakeFirst()) ?? null;
}

const view = (code: string, name: string, fingerprint: string): SyncPartyView => ({ code, name, fingerprint });

/**
 * Pairs this branch with head office: the branch's keys are made on first pairing (with the
 * branch code and name of its setup), head office's identity file is checked and pinned. Pairing
 * again with the same head office gives the same answer; another one is refused while one is pinned.
 */
export async function pair(w: WriteContext, hqIdentityText: string): Promise<SyncPairing> {
  const hq = parsePublicIdentity(hqIdentityText, 'hq');
  const hqFingerprint = fingerprintOf(hq.identity.signingKey);
  const pinned = await pairedHq(w.trx);
  if (pinned && pinned.fingerprint !== hqFingerprint) {
    throw new AppError('ALREADY_PAIRED', `本支行已与${pinned.name}（${pinned.code}）配对；更换总行密钥须先注销原配对。`, `already paired with ${pinned.code} ${pinned.fingerprint}`);
  }
  let keys = await branchKeys(w.trx);
  if (!keys) {
    const settings = await readSettings(w.trx);
    if (!settings.branch_code || !settings.branch_name) throw new AppError('NOT_SET_UP', '请先完成初始设置（机构号和机构名称）再配对。', 'pairing before setup');
    if (!ORG_CODE_PATTERN.test(settings.branch_code)) {
      throw new AppError('BAD_BRANCH_CODE', `本支行的机构号“${settings.branch_code}”不能用于同步：${ORG_CODE_MESSAGE}。请与总行核对机构号。`, 'branch code unfit for package file names');
    }
    const secret = await createIdentity('branch', settings.branch_code, settings.branch_name);
    const pub = await publicIdentityOf(secret, w.now);
    await w.insert('sync_identity', { kind: 'branch', code: secret.code, name: secret.name, signing_key: secret.signingKey, age_identity: secret.ageIdentity, public_identity: JSON.stringify(pub) });
    keys = { secret, public: pub, fingerprint: fingerprintOf(pub.identity.signingKey) };
  }
  if (!pinned) {
    await w.insert('sync_peers', { kind: 'hq', code: hq.identity.code, name: hq.identity.name, fingerprint: hqFingerprint, public_identity: hqIdentityText, revoked_at: null });
  }
  return {
    branch: view(keys.secret.code, keys.secret.name, keys.fingerprint),
    hq: view(hq.identity.code, hq.identity.name, hqFingerprint),
    branchIdentity: JSON.stringify(keys.public, null, 2),
  };
}
