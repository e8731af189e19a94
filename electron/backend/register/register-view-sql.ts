import { sql, type RawBuilder } from 'kysely';
import type { RegisterColumn, RegisterQuery } from '../../shared/api/register';
import { filterSql, REGISTER_COLUMN_SQL } from './register-columns';

/**
 * A register view's rows and order as SQL over `loans l` and its joins, for the export (which
 * reads the view in its own way: ids first, then rows by id as JSON). The grid's pages
 * (loan-query.ts) state the same conditions and order; a test keeps the two in step.
 */
export const VIEW_JOINS = {
  b: 'join borrowers b on b.id = l.borrower_id',
  v: 'left join villages v on v.id = b.village_id',
  // The manager who looks after the loan now (its assignment); a settled loan, which has none, the core system's last.
  s: 'left join current_loan_managers a on a.loan_id = l.id left join staff s on s.id = coalesce(a.manager_id, l.manager_id)',
};

// Households stay together after the user's sort keys: a village in pinyin order of names,
// the whole book in the loans_borrower index's order.
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

export function viewOrder(q: RegisterQuery): string {
  const keys = q.sort.map((s) => `${REGISTER_COLUMN_SQL[s.colId].expr} ${s.sort === 'desc' ? 'desc' : 'asc'}`);
  return `order by ${[...keys, ...(q.villageId ? VILLAGE_ORDER : BOOK_ORDER)].join(', ')}`;
}

/** `loans l` with only the joins the given SQL uses: a join not needed costs a lookup per loan. */
export function viewFrom(...sqlTexts: string[]): string {
  const text = sqlTexts.join(' ');
  const needV = /\bv\./.test(text);
  const joins = [needV || /\bb\./.test(text) ? VIEW_JOINS.b : '', needV ? VIEW_JOINS.v : '', /\bs\./.test(text) ? VIEW_JOINS.s : ''];
  return `loans l ${joins.filter(Boolean).join(' ')}`;
}
