import { sql } from 'kysely';
import { openDatabase } from '../../electron/backend/db/connection';
import { migrateThrough } from '../helpers/migrate-to';

/** The schema an older app left: before 0010 rebuilds staff and the change log with foreign keys off. */
export const OLD_SCHEMA = '0005-borrower-name-pinyin';

/**
 * A database as an app at OLD_SCHEMA left it after two monthly imports of `loans` loans: staff,
 * villages, borrowers with phones, loans, two snapshots each, the imports, and a change log in
 * that version's form (the CLI's entries without an actor, batches holding their rows, the admin's
 * edits) — written with SQL of that schema, since today's app writes only today's.
 */
export async function makeOldSchemaDatabase(file: string, loans: number): Promise<void> {
  const db = await openDatabase(file);
  try {
    await migrateThrough(db, file, OLD_SCHEMA);
    const households = Math.ceil(loans / 1.3);
    const at = Date.UTC(2026, 10, 5);
    await db.transaction().execute(async (trx) => {
      const run = (q: ReturnType<typeof sql>) => q.execute(trx);
      await run(sql`insert into staff (id, username, display_name, role, password_hash, active, created_at, updated_at)
        values ('s-admin', 'admin', '管理员', 'admin', 'scrypt$old', 1, ${at}, ${at})`);
      await run(sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 24)
        insert into staff (id, username, display_name, role, password_hash, active, created_at, updated_at)
        select 's-m' || i, null, '客户经理' || i, 'manager', null, 1, ${at}, ${at} from n`);
      await run(sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < 199)
        insert into villages (id, township, name, manager_id, created_at, updated_at)
        select 'v' || i, '白文镇' || (i % 8), '村' || i, 's-m' || (i % 24 + 1), ${at}, ${at} from n`);
      await run(sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${households - 1})
        insert into borrowers (id, customer_no, resident_id, name, name_initials, name_pinyin, gender, birth_date, village_id, address, created_at, updated_at)
        select 'b' || i, 'C' || printf('%07d', i), '14112419' || printf('%02d', 60 + i % 40) || '0101' || printf('%04d', i % 10000),
               substr('王李张刘陈杨赵黄', i % 8 + 1, 1) || substr('建国秀英志强桂兰', i % 4 * 2 + 1, 2), 'wjg', 'wang jian guo',
               case when i % 2 = 0 then 'M' else 'F' end, '1970-01-01', 'v' || (i % 200), '临县白文镇村' || (i % 200) || '组', ${at}, ${at} from n`);
      await run(sql`insert into borrower_phones (id, borrower_id, phone, note, verified_on, source, core_value, created_at, updated_at)
        select 'p' || substr(id, 2), id, '138' || printf('%08d', substr(id, 2)), '', null, 'core', null, ${at}, ${at} from borrowers`);
      await run(sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${loans - 1})
        insert into loans (id, loan_no, borrower_id, contract_no, product, guarantee_type, disbursed_on, maturity_on, contract_amount_fen,
                           balance_fen, annual_rate_ppm, principal_overdue_days, interest_owed_fen, risk_class, manager_id, status, settled_on, created_at, updated_at)
        select 'l' || i, '8801' || printf('%07d', i), 'b' || cast(i / 1.3 as integer), 'HT' || i, '农户小额信用贷款', '信用', '2025-03-20', '2028-03-20', 5000000,
               3000000 - i % 1000, 65000, case when i % 8 = 5 then i % 400 else 0 end, 0, case when i % 8 = 5 then '关注' else '正常' end,
               's-m' || (i % 24 + 1), case when i % 50 = 7 then 'settled' else 'active' end, case when i % 50 = 7 then '2026-10-31' end, ${at}, ${at} from n`);
      for (const [asOf, importId] of [['2026-09-30', 'imp-sep'], ['2026-10-31', 'imp-oct']]) {
        await run(sql`insert into loan_snapshots (id, loan_id, as_of, balance_fen, principal_overdue_days, interest_owed_fen, interest_overdue_days, risk_class, status, import_id, created_at, updated_at)
          select 'snap-' || ${asOf} || '-' || id, id, ${asOf}, balance_fen, principal_overdue_days, interest_owed_fen, null, risk_class, status, ${importId}, ${at}, ${at} from loans`);
        await run(sql`insert into imports (id, file_name, sha256, format, as_of, full_export, actor_id, actor_name, rows_read, accepted, inserted, updated, unchanged, duplicates, settled, rejected_json, warnings_json, created_at, updated_at)
          values (${importId}, ${`贷款台账${asOf}.xlsx`}, 'ab12', 'xlsx', ${asOf}, 1, null, 'cli', ${loans}, ${loans}, ${loans}, 0, 0, 0, 0, '[]', '[]', ${at}, ${at})`);
      }
      // The September import's log: one entry per batch of 5,000 loans, holding the rows (this version's form).
      await run(sql`insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
        select 'tx-sep:' || (cast(substr(id, 2) as integer) / 5000), 'tx-sep', ${at}, null, 'cli', 'insert_rows', 'loans', null, null,
               json_group_array(json_object('id', id, 'loan_no', loan_no, 'borrower_id', borrower_id, 'balance_fen', balance_fen, 'status', status))
        from loans group by cast(substr(id, 2) as integer) / 5000`);
      // The October import: an update entry per loan; then the admin edits a few villages, one transaction each.
      await run(sql`insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
        select 'tx-oct:' || substr(id, 2), 'tx-oct', ${at + 1000}, null, 'cli', 'update', 'loans', id,
               json_object('balance_fen', balance_fen + 1000, 'updated_at', ${at}), json_object('balance_fen', balance_fen, 'updated_at', ${at + 1000})
        from loans order by rowid`);
      await run(sql`insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
        select 'tx-edit-' || id || ':0', 'tx-edit-' || id, ${at + 2000}, 's-admin', '管理员', 'update', 'villages', id, '{"manager_id":null}', json_object('manager_id', manager_id)
        from villages where cast(substr(id, 2) as integer) < 20 order by rowid`);
    });
  } finally {
    await db.destroy();
  }
}
