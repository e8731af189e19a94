import { sql } from 'kysely';
import { refused } from '../../sync/package-format';
import type { OpenedPackage } from '../../sync/read-package';
import { onClient, type HqConnection } from '../hq-db';
import { copyInto } from './copy-rows';
import { hqWrite } from './hq-write';

/** One staged row: its table, id, whether it is a tombstone, and its image as JSON text. */
type StagedRow = [table: string, rowId: string, deleted: string, data: string];

/** A JSON escape of the NUL character (an odd run of backslashes before u0000): PostgreSQL's jsonb refuses it, and would fail the whole run. */
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/;

/** Each row's image is its line as the package holds it when the package was opened with `keepLines` (the parsed row was checked; writing it again would only cost time). */
function* stagedRows(opened: OpenedPackage): Generator<StagedRow> {
  for (const { table, rows, lines } of opened.tables) {
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const id = row.id;
      if (typeof id !== 'string' || id === '' || id.length > 200 || id.includes('\0')) throw refused('damaged', '包里的数据缺少编号。', `${table} row without a usable id`);
      if (seen.has(id)) throw refused('damaged', '包里有重复的数据行。', `${table} row ${id} twice`);
      seen.add(id);
      const deleted = row._deleted === true;
      const data = deleted ? '{}' : (lines?.[i] ?? JSON.stringify(row));
      if (data.includes('\\u0000') && NUL_ESCAPE.test(data)) throw refused('nul_character', '包里的数据含有无法保存的空字符（NUL）：请与支行核对这条数据。', `${table} row ${id} holds \\u0000, which jsonb cannot store`);
      yield [table, id, deleted ? 't' : 'f', data];
    }
  }
}

/** Refuses a package whose rows the merge could not take (see stagedRows): checked before one is held, whose apply comes later. */
export function assertStageable(opened: OpenedPackage): void {
  for (const _ of stagedRows(opened));
}

/**
 * Applies a checked branch package in one transaction: its rows COPYed into a staging table and
 * merged into branch_rows (new ones inserted, known ones replaced by the newer image, tombstones
 * deleted), the branch's acknowledgement and schema version, and its inbox row (a held one turned
 * applied). A failure anywhere leaves head office as it was.
 */
export async function applyBranchPackage(conn: HqConnection, actor: string, opened: OpenedPackage, fileName: string, wasHeld: boolean): Promise<void> {
  const { manifest } = opened;
  const branch = manifest.from.code;
  const client = await conn.pool.connect();
  const db = onClient(client);
  let failed: Error | undefined;
  try {
    await hqWrite(db, actor, async (w) => {
      // Made once per connection and emptied by every commit: creating a table per package costs catalog writes each time.
      await sql`create temp table if not exists stage_rows (table_name text not null, row_id text not null, deleted boolean not null, data jsonb not null) on commit delete rows`.execute(w.trx);
      await copyInto(client, 'stage_rows', ['table_name', 'row_id', 'deleted', 'data'], stagedRows(opened));
      await sql`insert into branch_rows (branch_code, table_name, row_id, data, package_seq)
        select ${branch}, table_name, row_id, data, ${manifest.seq}::integer from stage_rows where not deleted order by table_name, row_id
        on conflict (branch_code, table_name, row_id) do update set data = excluded.data, package_seq = excluded.package_seq
        where branch_rows.data is distinct from excluded.data`.execute(w.trx);
      await sql`delete from branch_rows b using stage_rows s
        where s.deleted and b.branch_code = ${branch} and b.table_name = s.table_name and b.row_id = s.row_id`.execute(w.trx);
      await w.trx
        .updateTable('hq_branches')
        .set((eb) => ({ acked_seq: sql<number>`greatest(${eb.ref('acked_seq')}, ${manifest.ack}::integer)`, schema_version: manifest.schemaVersion }))
        .where('code', '=', branch)
        .execute();
      const rows = manifest.files.reduce((n, f) => n + f.rows, 0);
      if (wasHeld) {
        await w.trx.updateTable('hq_inbox').set({ status: 'applied', reason: '', content: null, applied_at: w.now }).where('branch_code', '=', branch).where('seq', '=', manifest.seq).execute();
      } else {
        await w.trx
          .insertInto('hq_inbox')
          .values({ branch_code: branch, seq: manifest.seq, hash: opened.hash, package_id: manifest.packageId, file_name: fileName, status: 'applied', reason: '', rows, content: null, received_at: w.now, applied_at: w.now })
          .execute();
      }
      await w.log('apply_package', branch, { seq: manifest.seq, packageId: manifest.packageId, rows, fileName });
    });
  } catch (err) {
    failed = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    await db.destroy();
    // A connection that failed mid-COPY is closed rather than given back to the pool.
    client.release(failed);
  }
}

/** Keeps a package that came after a gap, with its bytes, until the missing one is applied. */
export async function holdBranchPackage(conn: HqConnection, actor: string, opened: OpenedPackage, fileName: string, bytes: Buffer, missingSeq: number): Promise<void> {
  const { manifest } = opened;
  await hqWrite(conn.db, actor, async (w) => {
    await w.trx
      .insertInto('hq_inbox')
      .values({
        branch_code: manifest.from.code,
        seq: manifest.seq,
        hash: opened.hash,
        package_id: manifest.packageId,
        file_name: fileName,
        status: 'held',
        reason: `缺少第 ${missingSeq} 号包，收到后自动导入`,
        rows: manifest.files.reduce((n, f) => n + f.rows, 0),
        content: bytes,
        received_at: w.now,
        applied_at: null,
      })
      .execute();
    await w.log('hold_package', manifest.from.code, { seq: manifest.seq, packageId: manifest.packageId, missingSeq, fileName });
  });
}

/** Takes a held package out of the queue (it can no longer be applied), so that a good one with its number can come. */
export async function releaseHeldPackage(conn: HqConnection, actor: string, branch: string, seq: number, reason: string): Promise<void> {
  await hqWrite(conn.db, actor, async (w) => {
    await w.trx.deleteFrom('hq_inbox').where('branch_code', '=', branch).where('seq', '=', seq).where('status', '=', 'held').execute();
    await w.log('release_held_package', branch, { seq, reason });
  });
}
