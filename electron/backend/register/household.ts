import { sql } from 'kysely';
import type { HistoryEntry, HouseholdDetail } from '../../shared/api/register';
import { checkResidentId, maskResidentId } from '../../shared/resident-id';
import { FULL_ID_ROLES, type StaffRole } from '../../shared/domain';
import type { Caller } from '../auth/caller';
import { mayWorkOnBorrower } from '../collection/book-access';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import { borrowerLoans } from './loan-query';

const HISTORY_LIMIT = 100;
// Stamps change on every write, and references are ids nobody reads: showing them would only add noise.
const HIDDEN_FIELDS = new Set(['updated_at', 'created_at', 'id', 'village_id', 'borrower_id', 'manager_id', 'loan_id', 'import_id']);

/**
 * One household for the panel, as `viewer` may see it. The birth date is the 8 digits a masked ID
 * hides (`141124********1234`): only those who see IDs in full get it, the rest its year.
 */
export async function householdDetail(db: ReadDb, borrowerId: string, viewer: Caller): Promise<HouseholdDetail> {
  const fullIds = (FULL_ID_ROLES as readonly StaffRole[]).includes(viewer.role);
  const b = await db
    .selectFrom('borrowers as b')
    .leftJoin('villages as v', 'v.id', 'b.village_id')
    .selectAll('b')
    .select(['v.township', 'v.name as village'])
    .where('b.id', '=', borrowerId)
    .executeTakeFirst();
  if (!b) throw new AppError('NOT_FOUND', '找不到该借款人，可能已被删除', `borrower ${borrowerId} not found`);

  const [phones, loans] = await Promise.all([
    db.selectFrom('borrower_phones').selectAll().where('borrower_id', '=', borrowerId).orderBy('created_at').orderBy('id').execute(),
    borrowerLoans(db, borrowerId),
  ]);
  const rowIds = [borrowerId, ...phones.map((p) => p.id), ...(await deletedPhoneIds(db, borrowerId)), ...loans.map((l) => l.loanId)];
  const [imported, log] = await Promise.all([importedLoans(db, loans.map((l) => l.loanId)), historyFromLog(db, rowIds)]);

  return {
    borrowerId: b.id,
    customerNo: b.customer_no,
    name: b.name,
    residentIdMasked: maskResidentId(b.resident_id ?? ''),
    residentIdValid: b.resident_id ? checkResidentId(b.resident_id).ok : false,
    gender: b.gender,
    birthDate: fullIds ? b.birth_date : null,
    birthYear: b.birth_date ? Number(b.birth_date.slice(0, 4)) : null,
    villageId: b.village_id,
    township: b.township ?? '',
    village: b.village ?? '',
    address: b.address,
    whereabouts: b.whereabouts,
    contactName: b.contact_name,
    contactPhone: b.contact_phone,
    notes: b.notes,
    phones: phones.map((p) => ({ id: p.id, phone: p.phone, note: p.note, verifiedOn: p.verified_on, source: p.source, updatedAt: p.updated_at })),
    loans,
    history: [...log.map((e) => toHistoryEntry(e, fullIds)), ...imported].sort((a, b) => b.at - a.at).slice(0, HISTORY_LIMIT),
    canEdit: await mayWorkOnBorrower(db, viewer, borrowerId),
  };
}

/** Phones removed from the household: their entries stay in its history. Only staff remove phones, so these are few. */
async function deletedPhoneIds(db: ReadDb, borrowerId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select row_id as id from change_log
    where table_name = 'borrower_phones' and action = 'delete' and before_json ->> '$.borrower_id' = ${borrowerId}`.execute(db);
  return rows.map((r) => r.id);
}

function historyFromLog(db: ReadDb, rowIds: string[]) {
  return (
    db
      .selectFrom('change_log')
      .select(['at', 'actor_name', 'action', 'table_name', 'before_json', 'after_json'])
      .where('row_id', 'in', rowIds)
      .where('table_name', 'in', ['borrowers', 'borrower_phones', 'loans'])
      // Bulk entries (imports) have no row id and never match; importedLoans covers them.
      .where('action', 'in', ['insert', 'update', 'delete'])
      .$narrowType<{ action: HistoryEntry['action'] }>()
      .orderBy('seq', 'desc')
      .limit(HISTORY_LIMIT)
      .execute()
  );
}

/**
 * Loans an import brought in. Imports log their new rows per batch, not per row, so this comes
 * from each loan's first snapshot, which names the import that first listed the loan.
 */
async function importedLoans(db: ReadDb, loanIds: string[]): Promise<HistoryEntry[]> {
  if (loanIds.length === 0) return [];
  const rows = await db
    .selectFrom('loan_snapshots as s')
    .innerJoin('imports as i', 'i.id', 's.import_id')
    .innerJoin('loans as l', 'l.id', 's.loan_id')
    .select(['l.loan_no', 'i.file_name', 'i.as_of', 'i.actor_name', 'i.created_at'])
    .where('s.loan_id', 'in', loanIds)
    .where(({ eb, selectFrom }) =>
      eb('s.as_of', '=', selectFrom('loan_snapshots as first').select((f) => f.fn.min('first.as_of').as('as_of')).whereRef('first.loan_id', '=', 's.loan_id')),
    )
    .execute();
  return rows.map((r) => ({
    at: r.created_at,
    actorName: r.actor_name,
    action: 'insert',
    table: 'loans',
    changes: [],
    note: `借据号 ${r.loan_no}，导入自 ${r.file_name}（数据日期 ${r.as_of}）`,
  }));
}

function toHistoryEntry(
  e: { at: number; actor_name: string; action: HistoryEntry['action']; table_name: string; before_json: string | null; after_json: string | null },
  fullIds: boolean,
): HistoryEntry {
  const before = e.before_json ? (JSON.parse(e.before_json) as Record<string, unknown>) : {};
  const after = e.after_json ? (JSON.parse(e.after_json) as Record<string, unknown>) : {};
  const fields = e.action === 'update' ? Object.keys(after).filter((k) => before[k] !== after[k]) : [];
  return {
    at: e.at,
    actorName: e.actor_name,
    action: e.action,
    table: e.table_name,
    changes: fields.filter((f) => !HIDDEN_FIELDS.has(f)).map((field) => ({ field, before: shown(field, before[field], fullIds), after: shown(field, after[field], fullIds) })),
    // A phone added or removed: which number (an update lists its changed fields instead).
    note: e.table_name === 'borrower_phones' && e.action !== 'update' ? phoneNote(e.action === 'insert' ? after : before) : null,
  };
}

/** Resident IDs leave the backend masked, in the history as everywhere else on screen; birth dates as the panel shows them. */
function shown(field: string, value: unknown, fullIds: boolean): unknown {
  if (field === 'resident_id' && typeof value === 'string') return maskResidentId(value);
  if (field === 'birth_date' && typeof value === 'string' && !fullIds) return value.slice(0, 4);
  return value;
}

function phoneNote(row: Record<string, unknown>): string | null {
  if (typeof row.phone !== 'string') return null;
  return typeof row.note === 'string' && row.note !== '' ? `${row.phone}（${row.note}）` : row.phone;
}
