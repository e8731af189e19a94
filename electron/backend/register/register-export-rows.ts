import { sql } from 'kysely';
import type { RegisterQuery, RegisterLoanRow } from '../../shared/api/register';
import type { ReadDb } from '../db/read-db';
import { REGISTER_COLUMN_SQL } from './register-columns';
import { VIEW_JOINS, viewFrom, viewOrder, viewWhere } from './register-view-sql';

/** What the exported sheet shows of a loan and its household; the resident ID as stored (the caller masks it). */
export type ExportRow = Pick<
  RegisterLoanRow,
  | 'borrowerId'
  | 'name'
  | 'address'
  | 'whereabouts'
  | 'contactName'
  | 'contactPhone'
  | 'notes'
  | 'managerName'
  | 'loanNo'
  | 'product'
  | 'guaranteeType'
  | 'disbursedOn'
  | 'maturityOn'
  | 'contractAmountFen'
  | 'balanceFen'
  | 'principalOverdueDays'
  | 'interestOwedFen'
  | 'riskClass'
> & { residentId: string | null; phones: string | null };

/** The view's loan ids in the grid's order: the export's list of what to write, fixed at its start. */
export async function viewLoanIds(db: ReadDb, q: RegisterQuery): Promise<string[]> {
  const where = viewWhere(q);
  const order = viewOrder(q);
  const from = sql.raw(viewFrom(`${where.compile(db).sql} ${order}`));
  const { rows } = await sql<{ json: string | null }>`
    select json_group_array(id) as json from (select l.id as id from ${from} ${where} ${sql.raw(order)})`.execute(db);
  return JSON.parse(rows[0]?.json ?? '[]') as string[];
}

const COLUMNS = `b.id, b.name, b.resident_id, ${REGISTER_COLUMN_SQL.phones.expr}, b.address, b.whereabouts, b.contact_name,
  b.contact_phone, b.notes, s.display_name, l.loan_no, l.product, l.guarantee_type, l.disbursed_on, l.maturity_on,
  l.contract_amount_fen, l.balance_fen, l.principal_overdue_days, l.interest_owed_fen, l.risk_class`;

type Tuple = [
  string, string, string | null, string | null, string, string, string, string, string, string | null, string, string, string,
  string | null, string | null, number | null, number, number, number | null, RegisterLoanRow['riskClass'],
];

/**
 * The rows of `ids`, in their order, read as one JSON text built by SQLite: the driver's cost
 * is per cell on the JS thread (which writes the file meanwhile), SQLite's on its own thread.
 */
export async function exportRowsByIds(db: ReadDb, ids: readonly string[]): Promise<ExportRow[]> {
  const { rows } = await sql<{ json: string | null }>`
    select json_group_array(json_array(${sql.raw(COLUMNS)}) order by page.k) as json
    from (select key as k, value as id from json_each(${JSON.stringify(ids)})) page
    join loans l on l.id = page.id ${sql.raw(VIEW_JOINS.b)} ${sql.raw(VIEW_JOINS.s)}`.execute(db);
  const tuples = JSON.parse(rows[0]?.json ?? '[]') as Tuple[];
  return tuples.map((t) => ({
    borrowerId: t[0],
    name: t[1],
    residentId: t[2],
    phones: t[3],
    address: t[4],
    whereabouts: t[5],
    contactName: t[6],
    contactPhone: t[7],
    notes: t[8],
    managerName: t[9],
    loanNo: t[10],
    product: t[11],
    guaranteeType: t[12],
    disbursedOn: t[13],
    maturityOn: t[14],
    contractAmountFen: t[15],
    balanceFen: t[16],
    principalOverdueDays: t[17],
    interestOwedFen: t[18],
    riskClass: t[19],
  }));
}
