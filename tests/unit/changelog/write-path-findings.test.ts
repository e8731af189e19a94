import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, SYSTEM_STAFF_ID } from '../../../electron/backend/changelog/actor';
import { withWrite } from '../../../electron/backend/changelog/write-context';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { useTempApp } from '../../helpers/temp-app';
import { migrations } from '../../../migrations';
import { appLog, appTxns } from '../../helpers/app-log';

// Issue 8, finding 1: each case failed on the write path before it was rebuilt.
const t = useTempApp();

const write = <T>(fn: Parameters<typeof withWrite<T>>[2]) => withWrite(t.app.db, SYSTEM_ACTOR, fn);
const newBorrower = (name: string) => write((w) => w.insert('borrowers', { name, name_initials: '', address: '', village_id: null }));

/** Every column of every row of `table`, and the same rows rebuilt from the change log's images. */
async function tableAndLog(db: Db, table: string): Promise<{ table: unknown[]; fromLog: unknown[] }> {
  const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by id`.execute(db)).rows;
  const log = await db.selectFrom('change_log').selectAll().where('table_name', '=', table).orderBy('seq').execute();
  const rebuilt = new Map<string, Record<string, unknown>>();
  for (const e of log) {
    if (e.action === 'insert') rebuilt.set(e.row_id!, JSON.parse(e.after_json!));
    else if (e.action === 'update') Object.assign(rebuilt.get(e.row_id!)!, JSON.parse(e.after_json!));
    else if (e.action === 'delete') rebuilt.delete(e.row_id!);
  }
  return { table: rows, fromLog: [...rebuilt.values()].sort((a, b) => String(a.id).localeCompare(String(b.id))) };
}

describe('updates', () => {
  it('a batch with a stale before does not undo another write: it fails, and log and table agree', async () => {
    const a = await newBorrower('甲');
    const b = await newBorrower('乙');
    // Read, then someone else writes a's notes, then the batch built from the stale read.
    await write((w) => w.updateById('borrowers', a.id, { notes: '已外出务工' }));
    const attempt = write((w) =>
      w.updateMany('borrowers', [
        { before: a, patch: { whereabouts: '太原' } },
        { before: b, patch: { contact_name: '乙之子' } },
      ]),
    );
    await expect(attempt).rejects.toMatchObject({ code: 'STALE_WRITE', userMessage: expect.stringContaining('请刷新后重试') });
    const stored = await t.app.db.selectFrom('borrowers').select(['name', 'notes', 'whereabouts', 'contact_name']).orderBy('name').execute();
    expect(stored).toEqual([
      { name: '乙', notes: '', whereabouts: '', contact_name: '' },
      { name: '甲', notes: '已外出务工', whereabouts: '', contact_name: '' },
    ]);
    const { table, fromLog } = await tableAndLog(t.app.db, 'borrowers');
    expect(fromLog).toEqual(table);
  });

  it('each row of a batch sets only its own changed columns, even when another write came between', async () => {
    const a = await newBorrower('甲');
    const b = await newBorrower('乙');
    await write((w) => w.updateById('borrowers', b.id, { notes: '新备注' }));
    const bNow = await t.app.db.selectFrom('borrowers').selectAll().where('id', '=', b.id).executeTakeFirstOrThrow();
    await write((w) =>
      w.updateMany('borrowers', [
        { before: a, patch: { notes: '甲的备注' } },
        { before: bNow, patch: { whereabouts: '北京' } },
      ]),
    );
    const stored = await t.app.db.selectFrom('borrowers').select(['name', 'notes', 'whereabouts']).orderBy('name').execute();
    expect(stored).toEqual([
      { name: '乙', notes: '新备注', whereabouts: '北京' },
      { name: '甲', notes: '甲的备注', whereabouts: '' },
    ]);
    const bLog = await appLog(t.app.db).select('after_json').where('row_id', '=', b.id).orderBy('seq').execute();
    expect(Object.keys(JSON.parse(bLog.at(-1)!.after_json!)).sort()).toEqual(['updated_at', 'whereabouts']);
  });

  it('an update of a missing row fails and logs nothing', async () => {
    const a = await newBorrower('甲');
    const ghost = { ...a, id: 'no-such-row' };
    await expect(write((w) => w.update('borrowers', ghost, { notes: 'x' }))).rejects.toMatchObject({ code: 'STALE_WRITE' });
    await expect(write((w) => w.updateById('borrowers', 'no-such-row', { notes: 'x' }))).rejects.toMatchObject({ code: 'STALE_WRITE' });
    expect(await appLog(t.app.db).select('row_id').where('row_id', '=', 'no-such-row').execute()).toEqual([]);
  });

  it('a delete of a row changed since it was read fails; a fresh one logs the row as stored', async () => {
    const p = await write(async (w) => {
      const b = await w.insert('borrowers', { name: '甲', name_initials: '', address: '', village_id: null });
      return w.insert('borrower_phones', { borrower_id: b.id, phone: '13800000001', source: 'local', core_value: null, verified_on: null });
    });
    await write((w) => w.updateById('borrower_phones', p.id, { note: '本人' }));
    await expect(write((w) => w.delete('borrower_phones', p))).rejects.toMatchObject({ code: 'STALE_WRITE' });
    const fresh = await t.app.db.selectFrom('borrower_phones').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    await write((w) => w.delete('borrower_phones', fresh));
    const [entry] = await appLog(t.app.db).selectAll().where('action', '=', 'delete').execute();
    expect(JSON.parse(entry.before_json!)).toEqual(fresh);
  });
});

describe('inserts', () => {
  it('log and return the row as stored: every column, defaults included', async () => {
    const b = await newBorrower('梁梅');
    const stored = await t.app.db.selectFrom('borrowers').selectAll().where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(b).toEqual(stored);
    expect(Object.keys(stored)).toHaveLength(16);
    const [entry] = await appLog(t.app.db).selectAll().where('row_id', '=', b.id).execute();
    expect(JSON.parse(entry.after_json!)).toEqual(stored);
  });

  it('encode every value one way: integers without a trailing .0', async () => {
    await newBorrower('甲');
    await write((w) => w.setSetting('branch_name', '林家坪支行'));
    const log = await appLog(t.app.db).select(['before_json', 'after_json']).execute();
    for (const e of log) expect(`${e.before_json} ${e.after_json}`).not.toMatch(/\d\.0[,}]/);
  });
});

describe('entries and transactions', () => {
  it('entry ids sort as the entries happened, past nine entries in a transaction', async () => {
    await write(async (w) => {
      for (let i = 0; i < 12; i++) await w.insert('villages', { township: '白文镇', name: `第${i}村`, manager_id: null });
    });
    const log = await appLog(t.app.db).select(['id', 'seq']).orderBy('seq').execute();
    expect(log).toHaveLength(12);
    expect([...log.map((e) => e.id)].sort()).toEqual(log.map((e) => e.id));
  });

  it('entry ids are unique by index', async () => {
    await newBorrower('甲');
    const [e] = await appLog(t.app.db).selectAll().execute();
    await expect(
      sql`insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id) values (${e.id}, ${e.txn_id}, 1, ${e.actor_id}, 'x', 'insert', 'borrowers', 'r')`.execute(t.app.db),
    ).rejects.toThrow(/UNIQUE/);
  });

  it('records each transaction: origin, a real actor, time, cause and schema version', async () => {
    const b = await newBorrower('甲');
    await write(async (w) => {
      w.setCause({ kind: 'import', id: 'imp-1' });
      await w.updateById('borrowers', b.id, { notes: '导入' });
    });
    const installation = await t.app.db.selectFrom('installation').select('id').executeTakeFirstOrThrow();
    const txns = await appTxns(t.app.db).selectAll().orderBy('seq').execute();
    expect(txns).toHaveLength(2);
    for (const t of txns) {
      expect(t).toMatchObject({ origin: installation.id, actor_id: SYSTEM_STAFF_ID, actor_name: '系统', schema_version: Object.keys(migrations).at(-1) });
    }
    expect(txns.map((t) => [t.cause_kind, t.cause_id])).toEqual([
      [null, null],
      ['import', 'imp-1'],
    ]);
    const log = await appLog(t.app.db).select(['txn_id', 'at']).orderBy('seq').execute();
    expect(log.map((e) => e.txn_id)).toEqual(txns.map((t) => t.id));
    expect(log.map((e) => e.at)).toEqual(txns.map((t) => t.at));
    // The system actor is a staff row: the log's actor is a foreign key, never null.
    expect(await t.app.db.selectFrom('staff').select(['role', 'username']).where('id', '=', SYSTEM_STAFF_ID).executeTakeFirst()).toEqual({ role: 'system', username: null });
  });

  it('a transaction that writes nothing leaves no record', async () => {
    const b = await newBorrower('甲');
    await write((w) => w.updateById('borrowers', b.id, { name: '甲' }));
    expect(await appTxns(t.app.db).select('id').execute()).toHaveLength(1);
  });

  it('takes its time inside the write lock: later than every transaction before it, also when the clock is behind', async () => {
    await newBorrower('甲');
    // Another process whose clock runs an hour ahead wrote last.
    const ahead = Date.now() + 3_600_000;
    const hex = ahead.toString(16).padStart(12, '0');
    const aheadId = `${hex.slice(0, 8)}-${hex.slice(8)}-7fff-bfff-ffffffffffff`;
    const other = await openDatabase(t.app.dbPath);
    try {
      await withWrite(other, SYSTEM_ACTOR, async (w) => {
        await sql`insert into change_txns (id, origin, actor_id, actor_name, at, schema_version)
          values (${aheadId}, 'elsewhere', ${SYSTEM_STAFF_ID}, '系统', ${ahead}, 'x')`.execute(w.trx as Db);
      });
    } finally {
      await other.destroy();
    }
    const b = await newBorrower('乙');
    const txns = await appTxns(t.app.db).select(['id', 'at']).orderBy('seq').execute();
    expect(txns.map((t) => t.at)).toEqual([...txns.map((t) => t.at)].sort((x, y) => x - y));
    expect(b.created_at).toBeGreaterThan(ahead);
    expect(txns.at(-1)!.id > aheadId).toBe(true);
  });

  it('writes settings through the log with the key as row id', async () => {
    await write((w) => w.setSetting('branch_name', '甲支行'));
    await write((w) => w.setSetting('branch_name', '乙支行'));
    const log = await appLog(t.app.db).select(['action', 'row_id', 'before_json', 'after_json']).where('table_name', '=', 'settings').orderBy('seq').execute();
    expect(log.map((e) => [e.action, e.row_id])).toEqual([
      ['insert', 'branch_name'],
      ['update', 'branch_name'],
    ]);
    expect(JSON.parse(log[1].before_json!).value).toBe('甲支行');
    expect(JSON.parse(log[1].after_json!).value).toBe('乙支行');
  });
});
