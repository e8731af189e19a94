import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SyncStatus } from '../../shared/api/sync';
import { readTransaction, type ReadDb } from '../db/read-db';
import { QUARANTINE_DIR } from './apply-package';
import { REASON_SUFFIX } from './quarantine-folder';
import { branchKeys, pairedHq } from './branch-identity';

/** How many of each list the page shows. */
const SHOWN = 100;

/** The refused packages in the quarantine folder beside the database, newest first. */
async function refusedPackages(dbPath: string): Promise<SyncStatus['refused']> {
  const dir = path.join(path.dirname(dbPath), QUARANTINE_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  const packages = names.filter((n) => n.endsWith('.blpkg')).sort().reverse().slice(0, SHOWN);
  return Promise.all(
    packages.map(async (name) => {
      const file = path.join(dir, name);
      const reason = (await readFile(`${file}${REASON_SUFFIX}`, 'utf8').catch(() => '')).split('\n')[0];
      return { fileName: name.replace(/^\d{8}-\d{6}-[0-9a-f]{8}-/, ''), reason, at: (await stat(file)).mtimeMs };
    }),
  );
}

export async function syncStatus(db: ReadDb, dbPath: string): Promise<SyncStatus> {
  const fromDb = await readTransaction(db, async (trx) => {
    const keys = await branchKeys(trx);
    const hq = await pairedHq(trx);
    const sent = hq
      ? await trx.selectFrom('sync_outbox').select(['seq', 'file_name', 'rows', 'created_at']).where('peer_id', '=', hq.id).orderBy('seq', 'desc').limit(SHOWN).execute()
      : [];
    const received = hq
      ? await trx.selectFrom('sync_inbox').select(['seq', 'file_name', 'status', 'reason', 'updated_at']).where('peer_id', '=', hq.id).orderBy('seq', 'desc').limit(SHOWN).execute()
      : [];
    const messages = await trx.selectFrom('hq_messages').select(['id', 'title', 'body', 'sent_by', 'sent_on']).orderBy('sent_on', 'desc').orderBy('created_at', 'desc').limit(SHOWN).execute();
    return {
      messages: messages.map((m) => ({ id: m.id, title: m.title, body: m.body, sentBy: m.sent_by, sentOn: m.sent_on })),
      branch: keys ? { code: keys.secret.code, name: keys.secret.name, fingerprint: keys.fingerprint } : null,
      hq: hq ? { code: hq.code, name: hq.name, fingerprint: hq.fingerprint, ackedSeq: hq.acked_seq } : null,
      sent: sent.map((r) => ({ seq: r.seq, fileName: r.file_name, rows: r.rows, createdAt: r.created_at, acknowledged: hq !== null && r.seq <= hq.acked_seq })),
      received: received.map((r) => ({ seq: r.seq, fileName: r.file_name, status: r.status, reason: r.reason, at: r.updated_at })),
    };
  });
  return { ...fromDb, refused: await refusedPackages(dbPath) };
}
