import { sql } from 'kysely';
import type { TakeoverOutcome } from '../../shared/api/assignment';
import type { WriteContext } from '../changelog/write-context';
import type { Row } from '../db/schema';
import { AppError } from '../rpc/app-error';
import { proposeBalanced } from './balanced-proposal';
import { addMoney, booksOf, readBook, zeroFigures } from './book';
import { requireAssignable } from './managers';
import { proposalVillages } from './proposal-split';
import { reassignLoans } from './reassign';

export interface TakeoverInput {
  fromManagerId: string;
  toManagerIds: string[];
  reason: string;
}

/**
 * A departing manager's whole book in one step: every active loan they look after goes to the
 * one manager named, or — several named — the book is split among them by the balanced
 * proposal (households whole, villages whole where it can), evening out what each takes over.
 * The villages that were theirs take the manager who got most of their households.
 */
export async function takeOver(w: WriteContext, input: TakeoverInput): Promise<TakeoverOutcome> {
  const from = await w.trx.selectFrom('staff').select(['id', 'display_name']).where('id', '=', input.fromManagerId).executeTakeFirst();
  if (!from) throw new AppError('NOT_FOUND', '找不到移交贷款的客户经理，请刷新后重试。', `takeover: no staff member ${input.fromManagerId}`);
  const to = await requireAssignable(w.trx, input.toManagerIds);

  const hs = booksOf(await readBook(w.trx), from.id);
  const householdManager =
    to.length === 1 || hs.length === 0
      ? new Map(hs.map((h) => [h.borrowerId, to[0].id]))
      : proposeBalanced({ villages: proposalVillages(hs), managerIds: to.map((t) => t.id) }).householdManager;

  const { rows: loans } = await sql<{ id: string; borrower_id: string }>`
    select l.id, l.borrower_id from current_loan_managers a join loans l on l.id = a.loan_id
    where a.manager_id = ${from.id} and l.status = 'active'`.execute(w.trx);
  const { moved } = await reassignLoans(
    w,
    new Map(loans.map((l) => [l.id, householdManager.get(l.borrower_id)!])),
    input.reason || `接手${from.display_name}的贷款`,
  );

  const taken = new Map(to.map((t) => [t.id, { managerId: t.id, name: t.name, ...zeroFigures() }]));
  const byVillage = new Map<string, Map<string, number>>();
  for (const h of hs) {
    const m = householdManager.get(h.borrowerId)!;
    const t = taken.get(m)!;
    t.households++;
    addMoney(t, h.figures);
    if (h.villageId) {
      const counts = byVillage.get(h.villageId) ?? new Map<string, number>();
      counts.set(m, (counts.get(m) ?? 0) + 1);
      byVillage.set(h.villageId, counts);
    }
  }
  const villageManager = (villageId: string) => {
    const counts = [...(byVillage.get(villageId) ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return counts[0]?.[0] ?? to[0].id;
  };
  const { rows: villages } = await sql<Row<'villages'>>`select * from villages where manager_id = ${from.id}`.execute(w.trx);
  await w.updateMany('villages', villages.map((before) => ({ before, patch: { manager_id: villageManager(before.id) } })));
  return { moved, to: [...taken.values()] };
}
