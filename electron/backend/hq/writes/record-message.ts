import { randomUUID } from 'node:crypto';
import { todayLocal } from '../../../shared/dates';
import { AppError } from '../../rpc/app-error';
import type { HqDb } from '../hq-db';
import { hqWrite } from './hq-write';

export interface MessageOutcome {
  branches: string[];
  title: string;
}

/** Head office's notice (通知) to one branch or every registered one, sent in their next packages. */
export async function recordMessage(db: HqDb, actor: string, message: { title: string; body: string }, branch: string | null): Promise<MessageOutcome> {
  return hqWrite(db, actor, async (w) => {
    let query = w.trx.selectFrom('hq_branches').select('code').where('revoked_at', 'is', null);
    if (branch !== null) query = query.where('code', '=', branch);
    const branches = (await query.orderBy('code').execute()).map((b) => b.code);
    if (branch !== null && branches.length === 0) throw new AppError('NOT_FOUND', `机构号 ${branch} 尚未登记。`, `message: branch ${branch} not registered`);
    const sentOn = todayLocal();
    for (const code of branches) {
      const id = randomUUID();
      const data = { id, title: message.title, body: message.body, sent_by: actor, sent_on: sentOn, created_at: w.now, updated_at: w.now };
      await w.trx.insertInto('hq_rows').values({ id, branch_code: code, table_name: 'hq_messages', data: JSON.stringify(data), recorded_by: actor, recorded_at: w.now }).execute();
    }
    await w.log('message', branch, { title: message.title, branches });
    return { branches, title: message.title };
  });
}
