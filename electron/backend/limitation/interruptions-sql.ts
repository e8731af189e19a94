import { sql, type RawBuilder } from 'kysely';
import { LEGAL_STEP_LABELS, type LegalStepKind } from '../../shared/api/legal';
import { KINDS_INTERRUPTING } from '../../shared/notices';

/** Legal steps that restart the clock: a suit, a payment order, an arbitration (a lawyer's letter or a judgment does not). */
export const LEGAL_KINDS_INTERRUPTING: readonly LegalStepKind[] = ['lawsuit', 'payment-order', 'arbitration'];

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const LEGAL_REF = `case ls.kind ${LEGAL_KINDS_INTERRUPTING.map((k) => `when '${k}' then '${LEGAL_STEP_LABELS[k]}'`).join(' ')} end`;

/**
 * Everything that may restart the clock of the loans `scope` selects (a `select <loan id>`), as
 * rows `(loan_id, on_, kind, ref, void)`: `void` is why the row never counts (a cancelled notice,
 * a receipt not back), else null. Only rows dated on or before `upTo` when given.
 *
 * A repayment is a snapshot whose balance or interest owed is below the loan's previous snapshot
 * (the one with the nearest earlier as-of date), dated as of the import that shows it; its ref
 * is that import's file name. One pass over the loans' snapshots in (loan_id, as_of) order, the
 * order of their unique index.
 */
export function interruptionsSql(scope: RawBuilder<unknown>, upTo: string | null): RawBuilder<unknown> {
  const until = (column: string) => (upTo === null ? sql`` : sql`and ${sql.raw(column)} <= ${upTo}`);
  return sql`
    select n.loan_id, coalesce(n.receipt_on, n.issued_on) as on_,
      case n.kind when 'confirmation' then 'confirmation' else 'receipt' end as kind, n.notice_no as ref,
      case when n.status = 'cancelled' then '通知书已作废' when n.delivery <> 'returned' then '回执尚未收回' end as void
    from notices n
    where n.kind in (${sql.raw(quoted(KINDS_INTERRUPTING))}) and n.loan_id in (${scope}) ${until('coalesce(n.receipt_on, n.issued_on)')}
    union all
    select e.loan_id, e.event_on, 'acknowledgement', case when e.note = '' then '书面确认' else e.note end, null
    from limitation_events e
    where e.kind = 'acknowledgement' and e.loan_id in (${scope}) ${until('e.event_on')}
    union all
    select ls.loan_id, ls.step_on, 'legal', ${sql.raw(LEGAL_REF)} || case when ls.note = '' then '' else '：' || ls.note end, null
    from legal_steps ls
    where ls.kind in (${sql.raw(quoted(LEGAL_KINDS_INTERRUPTING))}) and ls.loan_id in (${scope}) ${until('ls.step_on')}
    union all
    select x.loan_id, x.as_of, 'repayment', coalesce(i.file_name, '数据截至 ' || x.as_of), null
    from (
      select s.loan_id, s.as_of, s.import_id, s.balance_fen, s.interest_owed_fen,
        lag(s.balance_fen) over w as prev_balance, lag(s.interest_owed_fen) over w as prev_interest
      from loan_snapshots s
      where s.loan_id in (${scope}) ${until('s.as_of')}
      window w as (partition by s.loan_id order by s.as_of)
    ) x left join imports i on i.id = x.import_id
    where x.balance_fen < x.prev_balance or x.interest_owed_fen < x.prev_interest`;
}
