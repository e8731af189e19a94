import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, createAppContext, type AppContext } from '../../../electron/backend/app-context';
import { withWrite } from '../../../electron/backend/changelog/write-context';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
const actor = { id: null, name: '测试员' };

beforeEach(async () => {
  tmp = makeTempDir();
  app = await createAppContext(tmp.file('ledger.sqlite'));
});
afterEach(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

const logOf = (rowId: string) => app.db.selectFrom('change_log').selectAll().where('row_id', '=', rowId).orderBy('seq').execute();

describe('the write path', () => {
  it('stamps ids (UUIDv7) and times, and logs inserts with the after image', async () => {
    const village = await withWrite(app.db, actor, (w) => w.insert('villages', { township: '白文镇', name: '刘家会村', manager_id: null }));
    expect(village.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(village.created_at).toBe(village.updated_at);
    const [entry] = await logOf(village.id);
    expect(entry).toMatchObject({ action: 'insert', table_name: 'villages', actor_name: '测试员', before_json: null });
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
    expect(await app.db.selectFrom('change_log').selectAll().execute()).toEqual([]);
  });

  it('inserts many rows in batches, one log entry each, one transaction id', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ township: '城庄镇', name: `第${i}村`, manager_id: null }));
    await withWrite(app.db, actor, (w) => w.insertMany('villages', rows));
    const { n, txns } = await app.db
      .selectFrom('change_log')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('txn_id').distinct().as('txns')])
      .executeTakeFirstOrThrow();
    expect(n).toBe(5000);
    expect(txns).toBe(1);
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
});
