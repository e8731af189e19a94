import { sql, type RawBuilder } from 'kysely';
import type { ColumnFilter, RegisterColumn } from '../../shared/api/register';
import { parseYuanToFen } from '../../shared/money';
import { likeEscape } from '../db/like-pattern';

type Kind = 'text' | 'number' | 'money' | 'date';

/**
 * The register grid's columns as SQL over `loans l join borrowers b left join villages v
 * left join staff s`. Sorting and filtering only ever use these expressions, never input text.
 */
export const REGISTER_COLUMN_SQL: Record<RegisterColumn, { expr: string; kind: Kind }> = {
  name: { expr: 'b.name', kind: 'text' },
  customerNo: { expr: 'b.customer_no', kind: 'text' },
  // In the order they were added, as the household panel lists them.
  phones: { expr: "(select group_concat(p.phone, ' / ' order by p.created_at, p.id) from borrower_phones p where p.borrower_id = b.id)", kind: 'text' },
  address: { expr: 'b.address', kind: 'text' },
  whereabouts: { expr: 'b.whereabouts', kind: 'text' },
  contactName: { expr: 'b.contact_name', kind: 'text' },
  contactPhone: { expr: 'b.contact_phone', kind: 'text' },
  notes: { expr: 'b.notes', kind: 'text' },
  township: { expr: 'v.township', kind: 'text' },
  village: { expr: 'v.name', kind: 'text' },
  loanNo: { expr: 'l.loan_no', kind: 'text' },
  product: { expr: 'l.product', kind: 'text' },
  guaranteeType: { expr: 'l.guarantee_type', kind: 'text' },
  disbursedOn: { expr: 'l.disbursed_on', kind: 'date' },
  maturityOn: { expr: 'l.maturity_on', kind: 'date' },
  contractAmountFen: { expr: 'l.contract_amount_fen', kind: 'money' },
  balanceFen: { expr: 'l.balance_fen', kind: 'money' },
  principalOverdueDays: { expr: 'l.principal_overdue_days', kind: 'number' },
  interestOwedFen: { expr: 'l.interest_owed_fen', kind: 'money' },
  riskClass: { expr: 'l.risk_class', kind: 'text' },
  managerName: { expr: 's.display_name', kind: 'text' },
  status: { expr: 'l.status', kind: 'text' },
};

type Condition = Exclude<ColumnFilter, { operator: unknown }>;

/** One AG Grid filter model as a SQL condition. Money filters are typed in 元 and compared in fen. */
export function filterSql(column: RegisterColumn, filter: ColumnFilter): RawBuilder<unknown> {
  if ('operator' in filter) {
    const parts = filter.conditions.map((c) => conditionSql(column, c));
    return sql`(${sql.join(parts, sql.raw(filter.operator === 'AND' ? ' and ' : ' or '))})`;
  }
  return conditionSql(column, filter);
}

function conditionSql(column: RegisterColumn, c: Condition): RawBuilder<unknown> {
  const { expr, kind } = REGISTER_COLUMN_SQL[column];
  const e = sql.raw(expr);
  if (c.type === 'blank') return sql`(${e} is null or ${e} = '')`;
  if (c.type === 'notBlank') return sql`(${e} is not null and ${e} <> '')`;

  if (c.filterType === 'text') {
    const f = (c.filter ?? '').trim();
    // Phone numbers are stored per phone row: match any of them, not the joined text.
    const target = column === 'phones' ? sql.raw('p.phone') : e;
    const cond = {
      contains: sql`${target} like ${`%${likeEscape(f)}%`} escape '\\'`,
      notContains: sql`coalesce(${target}, '') not like ${`%${likeEscape(f)}%`} escape '\\'`,
      equals: sql`${target} = ${f}`,
      notEqual: sql`coalesce(${target}, '') <> ${f}`,
      startsWith: sql`${target} like ${`${likeEscape(f)}%`} escape '\\'`,
      endsWith: sql`${target} like ${`%${likeEscape(f)}`} escape '\\'`,
    }[c.type];
    return column === 'phones' ? sql`exists (select 1 from borrower_phones p where p.borrower_id = b.id and ${cond})` : cond;
  }

  if (c.filterType === 'number') {
    // Money is typed in 元: read it as the money module reads amounts, exactly to the fen.
    const value = (n: number | null | undefined) => (n == null ? null : kind === 'money' ? parseYuanToFen(n) : n);
    const a = value(c.filter);
    const b = value(c.filterTo);
    switch (c.type) {
      case 'equals':
        return sql`${e} = ${a}`;
      case 'notEqual':
        return sql`${e} <> ${a}`;
      case 'greaterThan':
        return sql`${e} > ${a}`;
      case 'greaterThanOrEqual':
        return sql`${e} >= ${a}`;
      case 'lessThan':
        return sql`${e} < ${a}`;
      case 'lessThanOrEqual':
        return sql`${e} <= ${a}`;
      case 'inRange':
        return sql`${e} between ${a} and ${b}`;
    }
  }

  // AG Grid sends dates as 'YYYY-MM-DD hh:mm:ss'; business dates compare as text.
  const from = c.dateFrom?.slice(0, 10) ?? null;
  const to = c.dateTo?.slice(0, 10) ?? null;
  switch (c.type) {
    case 'equals':
      return sql`${e} = ${from}`;
    case 'notEqual':
      return sql`${e} <> ${from}`;
    case 'greaterThan':
      return sql`${e} > ${from}`;
    case 'lessThan':
      return sql`${e} < ${from}`;
    default:
      return sql`${e} between ${from} and ${to}`;
  }
}
