import { sql } from 'kysely';
import { canonicalResidentId } from '../../shared/resident-id';
import type { ReadDb } from '../db/read-db';
import { readManyRows } from '../db/read-many-rows';
import type { Row } from '../db/schema';
import type { FileBorrower } from './group-borrowers';
import type { ImportStage } from './import-stage';
import { ASSIGNMENT_COLUMNS, BORROWER_COLUMNS, LOAN_COLUMNS, SNAPSHOT_COLUMNS, registerState, type RegisterBasics, type RegisterState } from './register-state';

const inList = (values: Iterable<string>) => sql`(select value from json_each(${JSON.stringify([...values])}))`;

/**
 * The part of the register that planning `groups` looks at — as loadRegisterState would read it,
 * less the rows no lookup of theirs can reach: their loans and what hangs on them, the borrowers
 * their customer numbers, IDs (either form) or name and address can find, those borrowers'
 * phones; and, for a full export, the active loans not in the file (`stage`), which it settles.
 * Rows come in table order, as a whole-table read gives them, so that "the first borrower of an
 * ID" and the order of settlements are the same.
 */
export async function loadRegisterSubset(
  db: ReadDb,
  basics: RegisterBasics,
  asOf: string,
  groups: readonly FileBorrower[],
  stage: ImportStage,
  settles: boolean,
): Promise<RegisterState> {
  const loanNos: string[] = [];
  const customerNos: string[] = [];
  const residentIds = new Set<string>();
  const nameAddresses = new Set<string>();
  for (const fb of groups) {
    for (const row of fb.loans) loanNos.push(row.loanNo);
    if (fb.customerNo) customerNos.push(fb.customerNo);
    if (fb.residentId && fb.residentIdValid) {
      const id18 = canonicalResidentId(fb.residentId);
      residentIds.add(id18);
      // The older 15-digit form of the same person (born 19xx): the register may hold either.
      if (id18.length === 18 && id18.slice(6, 8) === '19') residentIds.add(id18.slice(0, 6) + id18.slice(8, 17));
    }
    if (!fb.customerNo && !fb.residentIdValid && fb.address !== '') nameAddresses.add(`${fb.name}|${fb.address}`);
  }

  const [fileLoans, settleLoans, borrowers] = await Promise.all([
    readManyRows<Row<'loans'>>(db, sql`(select * from loans where loan_no in ${inList(loanNos)} order by rowid)`, LOAN_COLUMNS),
    settles
      ? readManyRows<Row<'loans'>>(
          db,
          sql`(select * from loans where status = 'active' and loan_no not in (select loan_no from ${sql.table(`temp.${stage.table}`)}) order by rowid)`,
          LOAN_COLUMNS,
        )
      : Promise.resolve([]),
    readManyRows<Row<'borrowers'>>(
      db,
      sql`(select * from borrowers where customer_no in ${inList(customerNos)} or resident_id in ${inList(residentIds)}
        ${nameAddresses.size > 0 ? sql`or name || '|' || address in ${inList(nameAddresses)}` : sql``} order by rowid)`,
      BORROWER_COLUMNS,
    ),
  ]);
  const loans = [...fileLoans, ...settleLoans];
  const loanIds = inList(loans.map((l) => l.id));
  const [lastAsOf, snapshots, phones, current, onAsOf] = await Promise.all([
    readManyRows<{ loan_id: string; as_of: string }>(
      db,
      sql`(select loan_id, max(as_of) as as_of from loan_snapshots where loan_id in ${loanIds} group by loan_id)`,
      ['loan_id', 'as_of'],
    ),
    readManyRows<Row<'loan_snapshots'>>(db, sql`(select * from loan_snapshots where as_of = ${asOf} and loan_id in ${loanIds})`, SNAPSHOT_COLUMNS),
    readManyRows<{ borrower_id: string; phone: string; core_value: string | null }>(
      db,
      sql`(select * from borrower_phones where borrower_id in ${inList(borrowers.map((b) => b.id))} order by rowid)`,
      ['borrower_id', 'phone', 'core_value'],
    ),
    readManyRows<Row<'loan_assignments'>>(db, sql`(select * from loan_assignments where valid_to is null and loan_id in ${loanIds})`, ASSIGNMENT_COLUMNS),
    readManyRows<{ loan_id: string; manager_id: string }>(
      db,
      sql`(select * from loan_assignments where loan_id in ${loanIds} and valid_from <= ${asOf} and (valid_to is null or valid_to > ${asOf}) order by rowid)`,
      ['loan_id', 'manager_id'],
    ),
  ]);
  return registerState(basics, { loans, lastAsOf, snapshots, borrowers, phones, current, onAsOf });
}
