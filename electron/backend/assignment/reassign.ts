import { sql } from 'kysely';
import { todayLocal } from '../../shared/dates';
import type { WriteContext } from '../changelog/write-context';
import type { ReadDb } from '../db/read-db';
import type { Row } from '../db/schema';

export interface ReassignOutcome {
  moved: number;
  unchanged: number;
}

/** The current assignments of `loanIds`, by loan id (read in the caller's transaction). */
export async function currentAssignments(trx: ReadDb, loanIds: readonly string[]): Promise<Map<string, Row<'loan_assignments'>>> {
  if (loanIds.length === 0) return new Map();
  const { rows } = await sql<Row<'loan_assignments'>>`
    select a.* from json_each(${JSON.stringify(loanIds)}) j
    join loan_assignments a on a.loan_id = j.value and a.valid_to is null`.execute(trx);
  return new Map(rows.map((a) => [a.loan_id, a]));
}

/**
 * Gives each loan of `moves` its manager from today: the current assignment ends (valid_to =
 * today) and a new one starts, both logged row by row — assignments are the branch's own work,
 * which sync sends to head office. A loan that already has that manager is left alone.
 */
export async function reassignLoans(w: WriteContext, moves: ReadonlyMap<string, string>, reason: string): Promise<ReassignOutcome> {
  const today = todayLocal();
  const current = await currentAssignments(w.trx, [...moves.keys()]);
  const ends: Array<{ before: Row<'loan_assignments'>; patch: { valid_to: string } }> = [];
  const starts: Array<{ loan_id: string; manager_id: string; valid_from: string; valid_to: null; reason: string }> = [];
  let unchanged = 0;
  for (const [loanId, managerId] of moves) {
    const now = current.get(loanId);
    if (now?.manager_id === managerId) {
      unchanged++;
      continue;
    }
    // An assignment an import dated ahead of today (it cannot be, but a clock can be wrong) is not cut before it began.
    const from = now && now.valid_from > today ? now.valid_from : today;
    if (now) ends.push({ before: now, patch: { valid_to: from } });
    starts.push({ loan_id: loanId, manager_id: managerId, valid_from: from, valid_to: null, reason });
  }
  // Ends first: the unique index allows one current assignment per loan.
  await w.updateMany('loan_assignments', ends);
  await w.insertMany('loan_assignments', starts);
  return { moved: starts.length, unchanged };
}
