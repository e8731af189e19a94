import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();

const logRow = (seq: number, action: string, rowId: string | null) =>
  sql`insert into change_log (seq, id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
      values (${seq}, ${`t:${seq}`}, 't', 1, null, '甲', ${action}, 'loans', ${rowId}, null, '{}')`.execute(t.db);

describe('0004-change-log-batches', () => {
  it('keeps every entry and its order, and allows batch entries without a row id', async () => {
    await migrateThrough(t.db, t.path, '0003-imports');
    await logRow(1, 'insert', 'l1');
    await logRow(7, 'update', 'l1');

    await migrateThrough(t.db, t.path, '0004-change-log-batches');

    expect((await sql`select seq, id, action, row_id from change_log order by seq`.execute(t.db)).rows).toEqual([
      { seq: 1, id: 't:1', action: 'insert', row_id: 'l1' },
      { seq: 7, id: 't:7', action: 'update', row_id: 'l1' },
    ]);
    // Sequence numbers keep growing after the rebuild: sync reads "everything after seq N".
    await sql`insert into change_log (id, txn_id, at, actor_name, action, table_name, row_id, after_json)
              values ('u:0', 'u', 2, '乙', 'insert_rows', 'loans', null, '{"columns":[],"rows":[]}')`.execute(t.db);
    expect((await sql<{ seq: number }>`select max(seq) as seq from change_log`.execute(t.db)).rows[0].seq).toBe(8);

    await expect(logRow(9, 'insert', null)).rejects.toThrow(/CHECK/);
    await expect(logRow(9, 'insert_rows', 'l1')).rejects.toThrow(/CHECK/);
    await expect(logRow(9, 'rename', 'l1')).rejects.toThrow(/CHECK/);
  });

  it('is still append-only and still indexed by row', async () => {
    await migrateThrough(t.db, t.path, '0004-change-log-batches');
    await logRow(1, 'insert', 'l1');
    await expect(sql`update change_log set actor_name = '丙'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from change_log`.execute(t.db)).rejects.toThrow(/append-only/);
    const plan = await sql<{ detail: string }>`explain query plan select * from change_log where table_name = 'loans' and row_id = 'l1'`.execute(t.db);
    expect(plan.rows.map((r) => r.detail).join(' ')).toContain('change_log_row');
  });
});
