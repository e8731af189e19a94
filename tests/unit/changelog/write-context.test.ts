import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, createAppContext, type AppContext } from '../../../electron/backend/app-context';
import { SYSTEM_ACTOR } from '../../../electron/backend/changelog/actor';
import { withWrite } from '../../../electron/backend/changelog/write-context';
import { makeTempDir } from '../../helpers/temp-dir';
import { appLog } from '../../helpers/app-log';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
const actor = SYSTEM_ACTOR;

beforeEach(async () => {
  tmp = makeTempDir();
  app = await createAppContext(tmp.file('ledger.sqlite'));
});
afterEach(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

const logOf = (rowId: string) => appLog(app.db).selectAll().where('row_id', '=', rowId).orderBy('seq').execute();

describe('the write path', () => {
  it('stamps ids (UUIDv7) and times, and logs inserts with the after image', async () => {
    const village = await withWrite(app.db, actor, (w) => w.insert('villages', { township: '白文镇', name: '刘家会村', manager_id: null }));
    expect(village.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(village.created_at).toBe(village.updated_at);
    const [entry] = await logOf(village.id);
    expect(entry).toMatchObject({ action: 'insert', table_name: 'villages', actor_name: '系统', before_json: null });
    expect(JSON.parse(entry.after_json!)).toEqual(village);
  });

  it('logs only real changes with before and after; a no-op update writes nothing', async () => {
    const v = await withWrite(app.db, actor, (w) => w.insert('villages', { township: '白文镇', name: '刘家会村', manager_id: null }));
    const same = await withWrite(app.db, actor, (w) => w.updateById('villages', v.id, { name: '刘家会村' }));
    expect(same).toBeNull();
    const changed = await withWrite(app.db, actor, (w) => w.updateById('villages', v.id, { name: '刘家会新村' }));
    expect(changed?.name).toBe('刘家会新村');
    const log = await logOf(v.id);
    expect(log.map((e) => e.action)).toEqual(['insert', 'update']);
    expect(JSON.parse(log[1].before_json!).name).toBe('刘家会村');
    expect(JSON.parse(log[1].after_json!).name).toBe('刘家会新村');
    expect(log[1].txn_id).not.toBe(log[0].txn_id);
  });

  it('rolls back rows and their log entries together', async () => {
    await expect(
      withWrite(app.db, actor, async (w) => {
        await w.insert('villages', { township: '白文镇', name: '甲村', manager_id: null });
        await w.insert('villages', { township: '白文镇', name: '甲村', manager_id: null }); // unique (township, name)
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(await app.db.selectFrom('villages').selectAll().execute()).toEqual([]);
    expect(await appLog(app.db).selectAll().execute()).toEqual([]);
  });

  it('inserts many rows in batches, one log entry each, one transaction id', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ township: '城庄镇', name: `第${i}村`, manager_id: null }));
    await withWrite(app.db, actor, (w) => w.insertMany('villages', rows));
    const { n, txns } = await appLog(app.db)
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('txn_id').distinct().as('txns')])
      .executeTakeFirstOrThrow();
    expect(n).toBe(5000);
    expect(txns).toBe(1);
  });

  it('logs bulk inserts as one entry per batch that names its rows', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => ({ township: '城庄镇', name: `第${i}村`, manager_id: null }));
    const ids = await withWrite(app.db, actor, (w) => w.insertBulk('villages', rows));
    const log = await appLog(app.db).selectAll().orderBy('seq').execute();
    expect(log.map((e) => [e.action, e.table_name, e.row_id])).toEqual([
      ['insert_rows', 'villages', null],
      ['insert_rows', 'villages', null],
    ]);
    const named = log.flatMap((e) => (JSON.parse(e.after_json!) as { ids: string[] }).ids);
    const stored = await app.db.selectFrom('villages').selectAll().orderBy(sql`rowid`).execute();
    expect(stored.map((r) => r.id)).toEqual(ids);
    expect(named).toEqual(ids);
    expect(stored.map((r) => r.name)).toEqual(rows.map((r) => r.name));
    expect(stored.every((r) => r.created_at === log[0].at && r.updated_at === log[0].at)).toBe(true);
  });

  it('stores a row inserted alone exactly as one of a batch: text, integers, flags, large numbers and JSON text', async () => {
    const row = (name: string) => ({ username: null, display_name: name, role: 'manager' as const, password_hash: null, active: 1, phone: '{"a":[1,2]}' });
    const alone = await withWrite(app.db, actor, (w) => w.insert('staff', row('单独')));
    const [first, second] = await withWrite(app.db, actor, (w) => w.insertMany('staff', [row('成批甲'), row('成批乙')]));
    // Values the driver binds otherwise than JSON reads them (a float for a large number) go by JSON alone too.
    const big = await withWrite(app.db, actor, (w) => w.insert('imports', {
      file_name: 'a.csv', sha256: 'x', format: 'csv', as_of: '2026-10-31', full_export: 1, actor_id: actor.id, actor_name: actor.name,
      rows_read: 3_000_000_000, accepted: 0, inserted: 0, updated: 0, unchanged: 0, duplicates: 0, settled: 0, rejected_json: '[]', warnings_json: '[]',
    }));
    const typed = async (id: string, table: string) =>
      (await sql<Record<string, unknown>>`select typeof(created_at) as at, typeof(active) as active, phone, typeof(phone) as phoneType from ${sql.table(table)} where id = ${id}`.execute(app.db)).rows[0];
    expect(await typed(alone.id, 'staff')).toEqual(await typed(first.id, 'staff'));
    expect(await typed(alone.id, 'staff')).toEqual({ at: 'integer', active: 'integer', phone: '{"a":[1,2]}', phoneType: 'text' });
    expect(second.phone).toBe('{"a":[1,2]}');
    const { rows } = await sql<{ n: string; v: number }>`select typeof(rows_read) as n, rows_read as v from imports where id = ${big.id}`.execute(app.db);
    expect(rows[0]).toEqual({ n: 'integer', v: 3_000_000_000 });
  });

  it('refuses a batch whose rows name different columns, instead of writing NULL for defaults', async () => {
    const b = await withWrite(app.db, actor, (w) => w.insert('borrowers', { name: '梁梅', name_initials: 'lm', address: '', village_id: null }));
    const phones = [
      { borrower_id: b.id, phone: '13800000001', source: 'core' as const },
      { borrower_id: b.id, phone: '13800000002', source: 'local' as const, note: '儿子' },
    ];
    await expect(withWrite(app.db, actor, (w) => w.insertBulk('borrower_phones', phones))).rejects.toThrow(/note/);
    await expect(withWrite(app.db, actor, (w) => w.insertBulk('borrower_phones', [...phones].reverse()))).rejects.toThrow(/leaves out/);
    await withWrite(app.db, actor, (w) => w.insertBulk('borrower_phones', phones.slice(0, 1)));
    expect(await app.db.selectFrom('borrower_phones').select(['phone', 'note']).execute()).toEqual([{ phone: '13800000001', note: '' }]);
  });

  it('logs an update as the changed columns only, before and after', async () => {
    const v = await withWrite(app.db, actor, (w) => w.insert('villages', { township: '白文镇', name: '刘家会村', manager_id: null }));
    await withWrite(app.db, actor, (w) => w.updateMany('villages', [{ before: v, patch: { township: '白文镇', name: '刘家会新村' } }]));
    const [, entry] = await logOf(v.id);
    const after = JSON.parse(entry.after_json!);
    expect(JSON.parse(entry.before_json!)).toEqual({ name: '刘家会村', updated_at: v.updated_at });
    expect(after).toEqual({ name: '刘家会新村', updated_at: expect.any(Number) });
    expect(await app.db.selectFrom('villages').select(['name', 'updated_at']).executeTakeFirst()).toEqual(after);
  });

  it('updates a batch whose rows change different columns, leaving the others as they were', async () => {
    const [a, b] = await withWrite(app.db, actor, (w) =>
      w.insertMany('villages', [
        { township: '甲镇', name: '一村', manager_id: null },
        { township: '乙镇', name: '二村', manager_id: null },
      ]),
    );
    await withWrite(app.db, actor, (w) =>
      w.updateMany('villages', [
        { before: a, patch: { name: '一新村' } },
        { before: b, patch: { township: '丙镇' } },
      ]),
    );
    expect(await app.db.selectFrom('villages').select(['township', 'name']).orderBy('name').execute()).toEqual([
      { township: '甲镇', name: '一新村' },
      { township: '丙镇', name: '二村' },
    ]);
  });

  it('keeps the change log append-only', async () => {
    await withWrite(app.db, actor, (w) => w.insert('villages', { township: '白文镇', name: '乙村', manager_id: null }));
    await expect(sql`update change_log set actor_name = 'someone else'`.execute(app.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from change_log`.execute(app.db)).rejects.toThrow(/append-only/);
  });

  it('never copies password hashes into the log', async () => {
    const staff = await withWrite(app.db, actor, (w) =>
      w.insert('staff', { username: 'u1', display_name: '甲', role: 'clerk', password_hash: 'scrypt$secret', active: 1 }),
    );
    await withWrite(app.db, actor, (w) => w.update('staff', staff, { password_hash: 'scrypt$other' }));
    const log = await logOf(staff.id);
    expect(log).toHaveLength(2);
    expect(JSON.stringify(log)).not.toContain('scrypt$');
    expect(JSON.parse(log[0].after_json!)).toMatchObject({ username: 'u1', password_hash: '[redacted]' });
    expect(JSON.parse(log[1].before_json!).password_hash).toBe('[redacted]');
  });

  it('never copies password hashes into bulk-insert entries either', async () => {
    await withWrite(app.db, actor, (w) =>
      w.insertBulk('staff', [{ username: 'u2', display_name: '乙', role: 'clerk', password_hash: 'scrypt$secret', active: 1 }]),
    );
    const log = await appLog(app.db).selectAll().execute();
    expect(JSON.stringify(log)).not.toContain('scrypt$');
    expect(JSON.parse(log[0].after_json!)).toEqual({ ids: [expect.any(String)] });
  });
});
