import type { NoticeScope } from '../../shared/api/notices';
import type { ReadDb } from '../db/read-db';

/** How a batch's scope reads in the register: `白文镇刘家会村`, `客户经理 王强`, `全支行`, `所选 12 笔`. */
export async function scopeLabel(db: ReadDb, scope: NoticeScope): Promise<string> {
  switch (scope.by) {
    case 'village': {
      const v = await db.selectFrom('villages').select(['township', 'name']).where('id', '=', scope.villageId).executeTakeFirst();
      return v ? `${v.township}${v.name}` : '（村已不存在）';
    }
    case 'manager': {
      if (scope.managerId === null) return '未分配客户经理';
      const s = await db.selectFrom('staff').select('display_name').where('id', '=', scope.managerId).executeTakeFirst();
      return `客户经理 ${s?.display_name ?? '（已不存在）'}`;
    }
    case 'branch':
      return '全支行';
    case 'loans':
      return `所选 ${new Set(scope.loanIds).size} 笔`;
  }
}
