import type { BuiltSyncPackage } from '../../shared/api/sync';
import { APP_VERSION } from '../../shared/app-version';
import type { WriteContext } from '../changelog/write-context';
import { schemaVersion } from '../db/migrator';
import { AppError } from '../rpc/app-error';
import { branchKeys, pairedHq } from './branch-identity';
import { changedRowsIn } from './changed-rows';
import { parsePublicIdentity } from './identity';
import { packageFileName } from './package-format';
import { buildPackage } from './write-package';

/**
 * The next package for head office: the branch's rows changed since the package head office last
 * acknowledged (so a package lost on the way is covered by the next), numbered after the last one
 * built, chained to it by its hash, acknowledging head office's packages applied here. Recorded
 * with its bytes in the outbox, in the same transaction that read the rows.
 */
export async function buildOutbound(w: WriteContext): Promise<BuiltSyncPackage> {
  const keys = await branchKeys(w.trx);
  const hq = await pairedHq(w.trx);
  if (!keys || !hq) throw new AppError('NOT_PAIRED', '本支行尚未与总行配对：请先在“同步”中导入总行的身份文件。', 'sync export before pairing');
  const outbox = w.trx.selectFrom('sync_outbox').where('peer_id', '=', hq.id);
  const last = await outbox.select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const acked = hq.acked_seq === 0 ? null : await outbox.select('up_to_seq').where('seq', '=', hq.acked_seq).executeTakeFirst();
  const applied = await w.trx
    .selectFrom('sync_inbox')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('peer_id', '=', hq.id)
    .where('status', '=', 'applied')
    .executeTakeFirst();
  const changed = await changedRowsIn(w.trx, 'branch', acked?.up_to_seq ?? 0);
  const seq = (last?.seq ?? 0) + 1;
  const built = await buildPackage(
    keys.secret,
    keys.public,
    parsePublicIdentity(hq.public_identity, 'hq'),
    {
      seq,
      previousHash: last?.hash ?? null,
      ack: Number(applied?.seq ?? 0),
      schemaVersion: await schemaVersion(w.trx),
      appVersion: APP_VERSION,
      tables: changed.tables,
    },
    w.now,
  );
  const fileName = packageFileName(keys.secret.code, hq.code, seq);
  await w.insert('sync_outbox', {
    id: built.manifest.packageId,
    peer_id: hq.id,
    seq,
    hash: built.hash,
    previous_hash: last?.hash ?? null,
    up_to_seq: changed.upToSeq,
    rows: changed.rows,
    file_name: fileName,
    content_base64: built.bytes.toString('base64'),
  });
  return { from: keys.secret.code, fileName, seq, rows: changed.rows, hash: built.hash, contentBase64: built.bytes.toString('base64') };
}
