import { z } from 'zod';
import { hashPassword } from '../../auth/password';
import { AppError } from '../../rpc/app-error';
import type { HqDb } from '../hq-db';
import { checkHqInput } from '../hq-inputs';
import { hqWrite } from './hq-write';

/** A head-office console login: the same rules as a branch login's (shared/api/auth.ts). */
export const hqUserInputSchema = z
  .object({
    username: z
      .string()
      .trim()
      .min(2, '用户名至少 2 个字符')
      .max(32, '用户名最多 32 个字符')
      .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和短横线'),
    name: z.string().trim().min(1, '请填写姓名').max(32, '姓名最多 32 个字符'),
    password: z.string().min(8, '密码至少 8 位').max(128, '密码最多 128 位'),
  })
  .strict();

export type HqUserInput = z.infer<typeof hqUserInputSchema>;

export interface AddedHqUser {
  username: string;
  name: string;
}

/** Adds a console login, its password hashed as a branch's are (scrypt); a username already taken is refused. */
export async function addHqUser(db: HqDb, actor: string, raw: HqUserInput): Promise<AddedHqUser> {
  const input = checkHqInput(hqUserInputSchema, raw);
  // Hashed before the transaction: scrypt takes a noticeable moment, no lock need wait for it.
  const passwordHash = await hashPassword(input.password);
  return hqWrite(db, actor, async (w) => {
    const inserted = await w.trx
      .insertInto('hq_users')
      .values({ username: input.username, name: input.name, password_hash: passwordHash, created_at: w.now, disabled_at: null })
      .onConflict((oc) => oc.column('username').doNothing())
      .returning('username')
      .executeTakeFirst();
    if (!inserted) throw new AppError('HQ_USER_EXISTS', `用户名 ${input.username} 已存在。`, `hq user ${input.username} exists`);
    await w.log('add_user', null, { username: input.username, name: input.name });
    return { username: input.username, name: input.name };
  });
}
