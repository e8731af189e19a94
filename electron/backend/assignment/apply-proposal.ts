import { sql } from 'kysely';
import type { ProposalView } from '../../shared/api/assignment';
import type { WriteContext } from '../changelog/write-context';
import { readManyRows } from '../db/read-many-rows';
import { AppError } from '../rpc/app-error';
import { setVillageManagers } from './assign';
import { registerVersion } from './book';
import { workOutProposal, type Override } from './proposal';
import { reassignLoans } from './reassign';

export interface ApplyProposalInput {
  managerIds: string[];
  overrides: Override[];
  /** The register version the branch head saw the proposal on; absent (the CLI) to apply it as it comes out now. */
  basis?: number;
  reason: string;
}

/**
 * Works the proposal out again inside the write transaction — on the data it writes to, the
 * same proposal the branch head saw unless something changed since, which `basis` refuses —
 * and gives every active loan its household's manager. Each village takes as its own manager
 * the one with most of its households.
 */
export async function applyProposal(w: WriteContext, input: ApplyProposalInput): Promise<{ moved: number; proposal: ProposalView }> {
  if (input.basis !== undefined && (await registerVersion(w.trx)) !== input.basis) {
    throw new AppError(
      'STALE_PROPOSAL',
      '方案生成后数据已有变化（导入或分配），请重新生成方案后再应用。',
      `proposal basis ${input.basis} is no longer the register version`,
    );
  }
  const worked = await workOutProposal(w.trx, input.managerIds, input.overrides);
  const { view } = worked;
  const householdManager = worked.householdManager();
  const loans = await readManyRows<{ id: string; borrower_id: string }>(w.trx, 'loans', ['id', 'borrower_id'], sql`status = 'active'`);
  const moves = new Map(loans.map((l) => [l.id, householdManager.get(l.borrower_id)!]));
  const { moved } = await reassignLoans(w, moves, input.reason || '均衡分配');
  await setVillageManagers(w, new Map(view.villages.filter((v) => v.villageId !== null).map((v) => [v.villageId!, v.after[0].managerId])));
  return { moved, proposal: view };
}
