import { sql } from 'kysely';
import type { AssignOutcome } from '../../shared/api/assignment';
import type { WriteContext } from '../changelog/write-context';
import type { ReadDb } from '../db/read-db';
import type { Row } from '../db/schema';
import { AppError } from '../rpc/app-error';
import { requireAssignable } from './managers';
import { reassignLoans } from './reassign';

export type AssignScope = 'village' | 'household' | 'loan';

export interface AssignInput {
  managerId: string;
  scope: AssignScope;
  ids: string[];
  reason: string;
}

const SCOPE_WORD: Record<AssignScope, string> = { village: '村', household: '户', loan: '贷款' };

/**
 * Gives the active loans of the chosen villages, households or loans to one manager, in the
 * caller's transaction. A village also takes the manager as its own: its new loans go to them
 * when an import names no manager.
 */
export async function assignTo(w: WriteContext, input: AssignInput): Promise<AssignOutcome> {
  await requireAssignable(w.trx, [input.managerId]);
  const ids = [...new Set(input.ids)];
  await requireExisting(w.trx, input.scope, ids);
  const loanIds = await activeLoansOf(w.trx, input.scope, ids);
  const outcome = await reassignLoans(w, new Map(loanIds.map((id) => [id, input.managerId])), input.reason);
  if (input.scope === 'village') await setVillageManagers(w, new Map(ids.map((id) => [id, input.managerId])));
  return outcome;
}

/** Sets villages' own managers (whom their new loans go to); `managers` by village id. */
export async function setVillageManagers(w: WriteContext, managers: ReadonlyMap<string, string>): Promise<void> {
  if (managers.size === 0) return;
  const { rows } = await sql<Row<'villages'>>`
    select v.* from json_each(${JSON.stringify([...managers.keys()])}) j join villages v on v.id = j.value`.execute(w.trx);
  await w.updateMany(
    'villages',
    rows.map((before) => ({ before, patch: { manager_id: managers.get(before.id)! } })),
  );
}

const TABLE: Record<AssignScope, 'villages' | 'borrowers' | 'loans'> = { village: 'villages', household: 'borrowers', loan: 'loans' };

async function requireExisting(trx: ReadDb, scope: AssignScope, ids: readonly string[]): Promise<void> {
  const { rows } = await sql<{ id: string; status: string | null }>`
    select j.value as id, case when t.id is null then null else ${scope === 'loan' ? sql`t.status` : sql`'active'`} end as status
    from json_each(${JSON.stringify(ids)}) j left join ${sql.table(TABLE[scope])} t on t.id = j.value`.execute(trx);
  const missing = rows.filter((r) => r.status === null);
  if (missing.length > 0) {
    throw new AppError('NOT_FOUND', `有 ${missing.length} 个所选的${SCOPE_WORD[scope]}已不存在，请刷新后重试。`, `assign: no ${scope} ${missing.slice(0, 5).map((r) => r.id).join(', ')}`);
  }
  const settled = rows.filter((r) => r.status !== 'active');
  if (settled.length > 0) {
    throw new AppError('LOAN_SETTLED', `有 ${settled.length} 笔所选的贷款已结清，结清的贷款无需分配。`, `assign: settled loans ${settled.slice(0, 5).map((r) => r.id).join(', ')}`);
  }
}

async function activeLoansOf(trx: ReadDb, scope: AssignScope, ids: readonly string[]): Promise<string[]> {
  const list = JSON.stringify(ids);
  const query =
    scope === 'loan'
      ? sql<{ id: string }>`select value as id from json_each(${list})`
      : scope === 'household'
        ? sql<{ id: string }>`select l.id from json_each(${list}) j join loans l on l.borrower_id = j.value and l.status = 'active'`
        : sql<{ id: string }>`select l.id from json_each(${list}) j join borrowers b on b.village_id = j.value
            join loans l on l.borrower_id = b.id and l.status = 'active'`;
  return (await query.execute(trx)).rows.map((r) => r.id);
}
