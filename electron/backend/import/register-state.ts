import { sql } from 'kysely';
import { canonicalResidentId } from '../../shared/resident-id';
import type { ReadDb } from '../db/read-db';
import { columnsOf, readManyRows } from '../db/read-many-rows';
import type { Row } from '../db/schema';
import { coreRowIdsOf, type CoreRowIds } from '../ids/core-row-ids';

/** What an import compares the file against: the register as it stands. */
export interface RegisterState {
  /** Ids for the rows the import adds, derived from the branch and their core keys. */
  ids: CoreRowIds;
  loansByNo: Map<string, Row<'loans'>>;
  /** Latest snapshot date per loan id. */
  lastAsOf: Map<string, string>;
  snapshots: Map<string, Row<'loan_snapshots'>>; // key `${loan_id}|${as_of}` for the import's as-of only
  borrowersById: Map<string, Row<'borrowers'>>;
  borrowerByCustomerNo: Map<string, Row<'borrowers'>>;
  /** By the 18-digit form of a valid ID (15-digit IDs converted): one person, either form. */
  borrowerByResidentId: Map<string, Row<'borrowers'>>;
  /** By `name|address`, for a file row with neither customer number nor a valid ID; null where two share it. */
  borrowerByNameAddress: Map<string, Row<'borrowers'> | null>;
  /** Phones per borrower, with the core value each was imported as. */
  phonesByBorrower: Map<string, Array<{ phone: string; core_value: string | null }>>;
  villageByKey: Map<string, Row<'villages'>>;
  villageById: Map<string, Row<'villages'>>;
  /**
   * A core export's 客户经理 name → the staff member it stands for: the names mapped so far
   * (manager_names), then account managers by display name for names not mapped yet.
   */
  managerByName: Map<string, Row<'staff'>>;
  /** Names already in manager_names: any other name the import meets gets its mapping row. */
  mappedManagerNames: Set<string>;
  /** Each loan's current assignment, by loan id. */
  currentAssignments: Map<string, Row<'loan_assignments'>>;
  /** Each loan's manager on the import's as-of date, by its assignments (for the snapshot). */
  managerOnAsOf: Map<string, string>;
  /** Setting import_overwrites_assignment: a later import may replace a loan's local assignment with the file's manager. */
  importOverwritesAssignment: boolean;
  /** As-of dates of the full exports imported so far, ascending. */
  fullExportDates: string[];
  /** The newest as-of date of any import so far. */
  newestAsOf: string | null;
}

export const villageKey = (township: string, village: string) => `${township}|${village}`;
export const nameAddressKey = (name: string, address: string) => `${name}|${address}`;
export const snapshotKey = (loanId: string, asOf: string) => `${loanId}|${asOf}`;

export const LOAN_COLUMNS = columnsOf<Row<'loans'>>({
  id: true, loan_no: true, borrower_id: true, contract_no: true, product: true, guarantee_type: true, guarantors: true,
  disbursed_on: true, maturity_on: true, contract_amount_fen: true, balance_fen: true, annual_rate_ppm: true,
  principal_overdue_days: true, interest_owed_fen: true, interest_overdue_days: true, risk_class: true, manager_id: true,
  status: true, settled_on: true, created_at: true, updated_at: true,
});
export const BORROWER_COLUMNS = columnsOf<Row<'borrowers'>>({
  id: true, customer_no: true, resident_id: true, name: true, name_initials: true, name_pinyin: true, gender: true, birth_date: true,
  village_id: true, address: true, whereabouts: true, contact_name: true, contact_phone: true, notes: true,
  created_at: true, updated_at: true,
});
export const ASSIGNMENT_COLUMNS = columnsOf<Row<'loan_assignments'>>({
  id: true, loan_id: true, manager_id: true, valid_from: true, valid_to: true, reason: true, created_at: true, updated_at: true,
});
export const SNAPSHOT_COLUMNS = columnsOf<Row<'loan_snapshots'>>({
  id: true, loan_id: true, as_of: true, balance_fen: true, principal_overdue_days: true, interest_owed_fen: true,
  interest_overdue_days: true, risk_class: true, status: true, import_id: true, manager_id: true, created_at: true, updated_at: true,
});

/** The register's rows an import's plan looks at, before they are indexed into a RegisterState. */
export interface RegisterRows {
  loans: Row<'loans'>[];
  lastAsOf: Array<{ loan_id: string; as_of: string }>;
  snapshots: Row<'loan_snapshots'>[];
  borrowers: Row<'borrowers'>[];
  phones: Array<{ borrower_id: string; phone: string; core_value: string | null }>;
  current: Row<'loan_assignments'>[];
  onAsOf: Array<{ loan_id: string; manager_id: string }>;
}

/** The small tables every plan reads whole: villages, staff and their names, import dates, the setting. */
export type RegisterBasics = Awaited<ReturnType<typeof loadRegisterBasics>>;

export async function loadRegisterBasics(db: ReadDb) {
  const [ids, villages, staff, importDates, managerNames, overwrite] = await Promise.all([
    coreRowIdsOf(db),
    db.selectFrom('villages').selectAll().execute(),
    db.selectFrom('staff').selectAll().execute(),
    db
      .selectFrom('imports')
      .select((eb) => ['as_of', eb.fn.max('full_export').as('full')])
      .groupBy('as_of')
      .orderBy('as_of')
      .execute(),
    db.selectFrom('manager_names').select(['name', 'staff_id']).execute(),
    importOverwritesAssignment(db),
  ]);
  return { ids, villages, staff, importDates, managerNames, overwrite };
}

/** Setting import_overwrites_assignment: a later import may replace a loan's local assignment with the file's manager. */
export async function importOverwritesAssignment(db: ReadDb): Promise<boolean> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'import_overwrites_assignment').executeTakeFirst();
  return row?.value === '1';
}


/** Reads the whole register; a county's 200k loans are read as JSON (see readManyRows). */
export async function loadRegisterState(db: ReadDb, asOf: string): Promise<RegisterState> {
  const [basics, loans, lastAsOf, snapshots, borrowers, phones, current, onAsOf] = await Promise.all([
    loadRegisterBasics(db),
    readManyRows<Row<'loans'>>(db, 'loans', LOAN_COLUMNS),
    readManyRows<{ loan_id: string; as_of: string }>(
      db,
      sql`(select loan_id, max(as_of) as as_of from loan_snapshots group by loan_id)`,
      ['loan_id', 'as_of'],
    ),
    readManyRows<Row<'loan_snapshots'>>(db, 'loan_snapshots', SNAPSHOT_COLUMNS, sql`as_of = ${asOf}`),
    readManyRows<Row<'borrowers'>>(db, 'borrowers', BORROWER_COLUMNS),
    readManyRows<{ borrower_id: string; phone: string; core_value: string | null }>(db, 'borrower_phones', ['borrower_id', 'phone', 'core_value']),
    readManyRows<Row<'loan_assignments'>>(db, 'loan_assignments', ASSIGNMENT_COLUMNS, sql`valid_to is null`),
    readManyRows<{ loan_id: string; manager_id: string }>(
      db,
      'loan_assignments',
      ['loan_id', 'manager_id'],
      sql`valid_from <= ${asOf} and (valid_to is null or valid_to > ${asOf})`,
    ),
  ]);
  return registerState(basics, { loans, lastAsOf, snapshots, borrowers, phones, current, onAsOf });
}

/** Indexes the rows read (the whole register, or the part of it a plan needs) for planImport. */
export function registerState(basics: RegisterBasics, rows: RegisterRows): RegisterState {
  const { ids, villages, staff, importDates, managerNames, overwrite } = basics;
  const { loans, lastAsOf, snapshots, borrowers, phones, current, onAsOf } = rows;

  const phonesByBorrower = new Map<string, Array<{ phone: string; core_value: string | null }>>();
  for (const p of phones) {
    const list = phonesByBorrower.get(p.borrower_id) ?? [];
    list.push({ phone: p.phone, core_value: p.core_value });
    phonesByBorrower.set(p.borrower_id, list);
  }
  const borrowerByResidentId = new Map<string, Row<'borrowers'>>();
  const borrowerByNameAddress = new Map<string, Row<'borrowers'> | null>();
  for (const b of borrowers) {
    if (b.resident_id) {
      const id = canonicalResidentId(b.resident_id);
      if (!borrowerByResidentId.has(id)) borrowerByResidentId.set(id, b);
    }
    const key = nameAddressKey(b.name, b.address);
    borrowerByNameAddress.set(key, borrowerByNameAddress.has(key) ? null : b);
  }
  // A name once mapped stays with its staff member (renamed or not); an unmapped name is the
  // account manager of that display name (the earliest), never a clerk who shares it.
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const managerByName = new Map<string, Row<'staff'>>();
  for (const n of managerNames) {
    const s = staffById.get(n.staff_id);
    if (s) managerByName.set(n.name, s);
  }
  const mappedManagerNames = new Set(managerByName.keys());
  const managers = staff.filter((s) => s.role === 'manager').sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
  for (const s of managers) if (!managerByName.has(s.display_name)) managerByName.set(s.display_name, s);

  return {
    ids,
    loansByNo: new Map(loans.map((l) => [l.loan_no, l])),
    lastAsOf: new Map(lastAsOf.map((r) => [r.loan_id, r.as_of])),
    snapshots: new Map(snapshots.map((s) => [snapshotKey(s.loan_id, s.as_of), s])),
    borrowersById: new Map(borrowers.map((b) => [b.id, b])),
    borrowerByCustomerNo: new Map(borrowers.filter((b) => b.customer_no).map((b) => [b.customer_no!, b])),
    borrowerByResidentId,
    borrowerByNameAddress,
    phonesByBorrower,
    villageByKey: new Map(villages.map((v) => [villageKey(v.township, v.name), v])),
    villageById: new Map(villages.map((v) => [v.id, v])),
    managerByName,
    mappedManagerNames,
    currentAssignments: new Map(current.map((a) => [a.loan_id, a])),
    managerOnAsOf: new Map(onAsOf.map((a) => [a.loan_id, a.manager_id])),
    importOverwritesAssignment: overwrite,
    fullExportDates: importDates.filter((r) => r.full === 1).map((r) => r.as_of),
    newestAsOf: importDates.at(-1)?.as_of ?? null,
  };
}
