import { sql } from 'kysely';
import type { WorklistOptions } from '../../shared/api/worklists';
import type { ReadDb } from '../db/read-db';
import { registerDataAsOf } from '../import/data-as-of';
import { AppError } from '../rpc/app-error';
import { CURRENT_MANAGERS } from './current-manager';

const PINYIN = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

/** What the worklists filter by: managers (active account managers and whoever manages an active loan) and villages. */
export async function worklistOptions(db: ReadDb): Promise<WorklistOptions> {
  const [dataAsOf, managers, villages] = await Promise.all([
    registerDataAsOf(db),
    // Per staff member (a few hundred at most), through the assignments' manager index: listing
    // the managers of every active loan instead reads the whole book (~1 s at 200k loans).
    sql<{ id: string; name: string }>`
      select s.id, s.display_name as name from staff s
      where s.role <> 'system' and ((s.role = 'manager' and s.active = 1)
        or exists (select 1 from ${sql.raw(CURRENT_MANAGERS)} cm join loans l on l.id = cm.loan_id where cm.manager_id = s.id and l.status = 'active'))`.execute(db),
    db.selectFrom('villages').select(['id', 'township', 'name']).execute(),
  ]);
  return {
    dataAsOf,
    managers: managers.rows.sort((a, b) => PINYIN.compare(a.name, b.name)),
    villages: villages.sort((a, b) => PINYIN.compare(a.township, b.township) || PINYIN.compare(a.name, b.name)),
  };
}

/** The staff member a name means (as the register shows managers); an unknown or shared name is an error. */
export async function findStaffByName(db: ReadDb, name: string): Promise<{ id: string; name: string }> {
  const matches = await db.selectFrom('staff').select(['id', 'display_name as name', 'username']).where('display_name', '=', name.trim()).where('role', '<>', 'system').execute();
  if (matches.length === 0) throw new AppError('NOT_FOUND', `找不到客户经理：${name}`, `manager ${name} not found`);
  if (matches.length > 1) {
    throw new AppError('AMBIGUOUS_MANAGER', `有 ${matches.length} 位员工同名“${name}”，无法区分。请在程序中按客户经理筛选。`, `manager ${name} is ambiguous`);
  }
  return { id: matches[0].id, name: matches[0].name };
}
