import { sql, type RawBuilder } from 'kysely';
import type { ReadDb } from '../db/read-db';
import type { ImportStage } from './import-stage';
import type { LoanField } from './plan-import';

/** Loan columns the stage holds under the same name (the rest: borrower_id, manager_id, status, settled_on). */
const SAME_NAMED: readonly LoanField[] = [
  'contract_no', 'product', 'guarantee_type', 'guarantors', 'disbursed_on', 'maturity_on', 'contract_amount_fen', 'balance_fen',
  'annual_rate_ppm', 'principal_overdue_days', 'interest_owed_fen', 'interest_overdue_days', 'risk_class',
];
const SNAPSHOT_FIGURES = ['balance_fen', 'principal_overdue_days', 'interest_owed_fen', 'interest_overdue_days', 'risk_class'] as const;

const ref = (table: string, column: string) => sql.ref(`${table}.${column}`);

/**
 * The staged rows (their `seq`) that an import as of `asOf` would leave exactly as they are, found
 * by SQLite against the register: the loan, its borrower (by customer number), the borrower's
 * phones, village and manager name known, the loan's fields as the file's, its current assignment
 * kept, its snapshot of that date there with the same figures, and nothing newer. Every test
 * leans to "changed" where the rules have a case of their own (an older 15-digit ID, a second
 * assignment on the date, a village named twice is left to readForPlan): those rows are planned by planImport, as is
 * every row not returned. Not for a file older than the register (it adds history only).
 */
export async function unchangedRows(db: ReadDb, stage: ImportStage, key: CompareKey): Promise<Uint8Array> {
  const clean = new Uint8Array(stage.rows);
  for (const seq of await unchangedSeqs(db, stage, key)) clean[seq] = 1;
  return clean;
}

/** What a compare depends on besides the register: the import's date, the file's columns, the setting. */
export interface CompareKey {
  asOf: string;
  notInFile: readonly LoanField[];
  overwriteAssignments: boolean;
}

export const sameCompareKey = (a: CompareKey, b: CompareKey) =>
  a.asOf === b.asOf && a.overwriteAssignments === b.overwriteAssignments && a.notInFile.join() === b.notInFile.join();

/** unchangedRows' test, as the staged rows' seqs; of the rows `from` ≤ seq < `to` only, when given (compare-ahead.ts). */
export async function unchangedSeqs(
  db: ReadDb,
  stage: ImportStage,
  { asOf, notInFile, overwriteAssignments }: CompareKey,
  range?: { from: number; to: number },
): Promise<number[]> {
  const inFile = (f: LoanField) => !notInFile.includes(f);
  const loanTests: RawBuilder<unknown>[] = SAME_NAMED.filter(inFile).map((f) => sql`${ref('l', f)} is ${ref('s', f)}`);
  if (inFile('manager_id')) loanTests.push(sql`l.manager_id is s.fm`);
  // A figure the file has no column for is the register's loan's, in the snapshot too.
  const snapshotTests = SNAPSHOT_FIGURES.map((f) => sql`${ref('sn', f)} is ${inFile(f) ? ref('s', f) : ref('l', f)}`);
  const onAsOf = (what: RawBuilder<unknown>) =>
    sql`(select ${what} from loan_assignments a where a.loan_id = l.id and a.valid_from <= ${asOf} and (a.valid_to is null or a.valid_to > ${asOf}))`;

  const { rows } = await sql<{ seqs: string }>`
    with s as materialized (
      select st.*, nullif(st.manager_name, '') as mname,
        (select n.staff_id from manager_names n join staff f on f.id = n.staff_id where n.name = nullif(st.manager_name, '')) as fm
      from ${sql.table(`temp.${stage.table}`)} st
      where st.customer_no is not null ${range ? sql`and st.seq >= ${range.from} and st.seq < ${range.to}` : sql``})
    select json_group_array(s.seq) as seqs
    from s
    cross join borrowers b on b.customer_no = s.customer_no
    cross join loans l on l.loan_no = s.loan_no
    cross join loan_snapshots sn on sn.loan_id = l.id and sn.as_of = ${asOf}
    cross join loan_assignments ca on ca.loan_id = l.id and ca.valid_to is null
    where (s.mname is null or s.fm is not null)
      and b.name is s.name and b.name_initials is s.name_initials and b.name_pinyin is s.name_pinyin
      and (case
        when s.resident_valid = 0 and coalesce(b.resident_id, '') <> '' then 1
        when s.resident_id is not null and b.resident_id is not null and length(s.resident_id) < length(b.resident_id) then 0
        else b.resident_id is s.resident_id and b.gender is s.gender and b.birth_date is s.birth_date end)
      and (s.address = '' or b.address is s.address)
      and (s.village_key is null or exists (select 1 from villages v where v.id = b.village_id and v.township || '|' || v.name = s.village_key))
      and not exists (select 1 from json_each(s.phones) p where not exists (
        select 1 from borrower_phones bp where bp.borrower_id = b.id and (bp.phone = p.value or bp.core_value = p.value)))
      and l.borrower_id = b.id and l.status = 'active' and l.settled_on is null
      ${sql.join(loanTests.map((t) => sql`and ${t}`), sql` `)}
      and not exists (select 1 from loan_snapshots x where x.loan_id = l.id and x.as_of > ${asOf})
      and (${overwriteAssignments ? 0 : 1} or s.fm is null or s.fm = ca.manager_id or ca.valid_from > ${asOf})
      and ${onAsOf(sql`count(*)`)} <= 1
      ${sql.join(snapshotTests.map((t) => sql`and ${t}`), sql` `)}
      and sn.status = 'active'
      and sn.manager_id is coalesce(${onAsOf(sql`a.manager_id`)}, s.fm)`.execute(db);
  return JSON.parse(rows[0]?.seqs ?? '[]') as number[];
}
