import { sql, type RawBuilder } from 'kysely';
import type { RegisterColumn, RegisterQuery } from '../../shared/api/register';
import { filterSql, REGISTER_COLUMN_SQL } from './register-columns';

/**
 * A register view's rows and order as SQL over `loans l` and its joins: the one statement of
 * them, for the grid's pages (loan-query.ts) and the export (which reads the view its own way:
 * ids first, then rows by id as JSON).
 */
export const VIEW_JOINS = {
  b: 'join borrowers b on b.id = l.borrower_id',
  v: 'left join villages v on v.id = b.village_id',
  // The manager who looks after the loan now (its assignment); a settled loan, which has none, the core system's last.
  s: 'left join current_loan_managers a on a.loan_id = l.id left join staff s on s.id = coalesce(a.manager_id, l.manager_id)',
};

// Households stay together after the user's sort keys. One village's register is ordered by
// name in pinyin order (initials first, as a paper register is); the whole book follows the
// active book's index (migration 0090), so a page needs no full sort.
const VILLAGE_ORDER = ['b.name_pinyin', 'b.name', 'b.id', 'l.loan_no', 'l.id'];
const BOOK_ORDER = ['l.borrower_id', 'l.loan_no', 'l.id'];

export function viewWhere(q: RegisterQuery): RawBuilder<unknown> {
  const conds: RawBuilder<unknown>[] = [];
  if (!q.includeSettled) conds.push(sql`l.status = 'active'`);
  if (q.villageId) conds.push(sql`b.village_id = ${q.villageId}`);
  for (const [column, filter] of Object.entries(q.filter)) {
    if (filter) conds.push(filterSql(column as RegisterColumn, filter));
  }
  return conds.length === 0 ? sql`` : sql`where ${sql.join(conds, sql` and `)}`;
}

/** The view's order, key by key; `reversed` flips every key, which reverses the order exactly (its last key, l.id, is unique). */
export function orderKeys(q: RegisterQuery, reversed = false): string[] {
  const keys = [
    ...q.sort.map((s) => ({ expr: REGISTER_COLUMN_SQL[s.colId].expr, desc: s.sort === 'desc' })),
    ...(q.villageId ? VILLAGE_ORDER : BOOK_ORDER).map((expr) => ({ expr, desc: false })),
  ];
  return keys.map(({ expr, desc }) => `${expr} ${desc !== reversed ? 'desc' : 'asc'}`);
}

export function viewOrder(q: RegisterQuery, reversed = false): string {
  return `order by ${orderKeys(q, reversed).join(', ')}`;
}

/**
 * `loans l` (or `loans`, another source named l) with only the joins the given SQL uses:
 * counting or paging the whole book through a join it does not use costs a borrower lookup per
 * loan (~1 s at 200k).
 */
export function viewFrom(text: string, loans = 'loans l'): string {
  const needV = /\bv\./.test(text);
  const joins = [needV || /\bb\./.test(text) ? VIEW_JOINS.b : '', needV ? VIEW_JOINS.v : '', /\bs\./.test(text) ? VIEW_JOINS.s : ''];
  return `${loans} ${joins.filter(Boolean).join(' ')}`;
}
