import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();

describe('0003-imports', () => {
  it('keeps the register and adds the import record and mapping profiles', async () => {
    await migrateThrough(t.db, t.path, '0002-register');
    await sql`insert into villages (id, township, name, created_at, updated_at) values ('v1', '白文镇', '刘家会村', 1, 1)`.execute(t.db);
    await sql`insert into borrowers (id, customer_no, name, village_id, created_at, updated_at) values ('b1', 'C1', '梁梅', 'v1', 1, 1)`.execute(t.db);
    await sql`insert into loans (id, loan_no, borrower_id, balance_fen, created_at, updated_at) values ('l1', '88011000000', 'b1', 3548425, 1, 1)`.execute(t.db);

    await migrateThrough(t.db, t.path, '0003-imports');

    expect((await sql`select loan_no, balance_fen from loans`.execute(t.db)).rows).toEqual([{ loan_no: '88011000000', balance_fen: 3548425 }]);
    await sql`insert into import_profiles (id, header_signature, name, mapping_json, created_at, updated_at) values ('p1', 'a|b', '某行', '{}', 1, 1)`.execute(t.db);
    await expect(
      sql`insert into import_profiles (id, header_signature, name, mapping_json, created_at, updated_at) values ('p2', 'a|b', '重复', '{}', 1, 1)`.execute(t.db),
    ).rejects.toThrow(/UNIQUE/);
    const columns = (await t.db.introspection.getTables()).find((t) => t.name === 'imports')!.columns.map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['file_name', 'sha256', 'as_of', 'actor_name', 'inserted', 'updated', 'rejected_json']));
  });
});
