import { sql, type RawBuilder } from 'kysely';
import { LEGAL_STEP_LABELS, type LegalStepKind } from '../../shared/api/legal';
import type { InterruptionKind } from '../../shared/api/limitation';
import { KINDS_INTERRUPTING } from '../../shared/notices';
import { expirySql } from './limitation-dates';

/** Legal steps that restart the clock: a suit, a payment order, an arbitration (a lawyer's letter or a judgment does not). */
export const LEGAL_KINDS_INTERRUPTING: readonly LegalStepKind[] = ['lawsuit', 'payment-order', 'arbitration'];

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * One kind of evidence that may restart the clock, as SQL pieces over its table: the loan, the
 * date, the kind, the reference shown, and `void`, why a row never counts (null when it may).
 * Only these constant texts are ever put into a query, never input.
 */
interface Source {
  from: string;
  loan: string;
  on: string;
  kind: string;
  ref: string;
  void: string;
  where: string;
}

/**
 * A repayment: the snapshot's balance or interest owed is below the loan's previous snapshot
 * (the nearest earlier as-of date), dated as of the import that shows it.
 */
const previous = (column: string) => `(select p.${column} from loan_snapshots p where p.loan_id = s.loan_id and p.as_of < s.as_of order by p.as_of desc limit 1)`;

const SOURCES: readonly Source[] = [
  {
    from: 'notices n',
    loan: 'n.loan_id',
    on: 'coalesce(n.receipt_on, n.issued_on)',
    kind: "case n.kind when 'confirmation' then 'confirmation' else 'receipt' end",
    ref: 'n.notice_no',
    void: "case when n.status = 'cancelled' then '通知书已作废' when n.delivery <> 'returned' then '回执尚未收回' end",
    where: `n.kind in (${quoted(KINDS_INTERRUPTING)})`,
  },
  {
    from: 'limitation_events e',
    loan: 'e.loan_id',
    on: 'e.event_on',
    kind: "'acknowledgement'",
    ref: "case when e.note = '' then '书面确认' else e.note end",
    void: 'null',
    where: "e.kind = 'acknowledgement'",
  },
  {
    from: 'legal_steps ls',
    loan: 'ls.loan_id',
    on: 'ls.step_on',
    kind: "'legal'",
    ref: `case ls.kind ${LEGAL_KINDS_INTERRUPTING.map((k) => `when '${k}' then '${LEGAL_STEP_LABELS[k]}'`).join(' ')} end || case when ls.note = '' then '' else '：' || ls.note end`,
    void: 'null',
    where: `ls.kind in (${quoted(LEGAL_KINDS_INTERRUPTING)})`,
  },
  {
    from: 'loan_snapshots s left join imports i on i.id = s.import_id',
    loan: 's.loan_id',
    on: 's.as_of',
    kind: "'repayment'",
    ref: "coalesce(i.file_name, '数据截至 ' || s.as_of)",
    void: 'null',
    where: `(s.balance_fen < ${previous('balance_fen')} or s.interest_owed_fen < ${previous('interest_owed_fen')})`,
  },
];

/**
 * Everything that may restart the clock of the loans `scope` selects (a `select <loan id>`), as
 * rows `(loan_id, on_, kind, ref, void)`, counted or not: for showing one loan's history.
 */
export function interruptionsSql(scope: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql.join(
    SOURCES.map((s) => sql`select ${sql.raw(`${s.loan} as loan_id, ${s.on} as on_, ${s.kind} as kind, ${s.ref} as ref, ${s.void} as void from ${s.from} where ${s.where}`)} and ${sql.raw(s.loan)} in (${scope})`),
    sql` union all `,
  );
}

/** Separates date, kind and ref in latestInterruptionSql's text. */
const SEPARATOR = '\u001f';

/** The legal steps' source: the bank's own act, which restarts only a clock still running. */
const LEGAL_SOURCE = SOURCES.find((s) => s.from.startsWith('legal_steps'))!;
/** What the debtor did or signed (a receipt, a confirmation, an acknowledgement, a repayment). */
const DEBTOR_SOURCES = SOURCES.filter((s) => s !== LEGAL_SOURCE);

/** Per source, its latest row for `loan` that counts, dated after `after` and within `bound`, as `date␟kind␟ref`; the latest of them. */
function latestOf(sources: readonly Source[], loan: string, after: string, bound: (on: string) => RawBuilder<unknown>, extra: (s: Source) => RawBuilder<unknown> = () => sql``): RawBuilder<string | null> {
  const latest = sources.map(
    (s) =>
      sql`coalesce((select ${sql.raw(`${s.on} || char(31) || ${s.kind} || char(31) || ${s.ref} from ${s.from}
        where ${s.loan} = ${loan} and ${s.where} and (${s.void}) is null and ${s.on} > ${after}`)} and ${bound(s.on)} ${extra(s)}
        order by ${sql.raw(s.on)} desc limit 1), '')`,
  );
  return sql<string | null>`nullif(max(${sql.join(latest)}, ''), '')`;
}

/**
 * The latest interruption that counts for loan `loan` (SQL text of its id) dated after `after`
 * and on or before `upTo` (SQL texts of dates), as one text `date␟kind␟ref`, or null. Per
 * source it reads the loan's rows newest first through the loan's index and stops at the first
 * that counts, so a county's list costs a few index seeks per loan, not a pass over every snapshot.
 *
 * What the debtor did or signed counts even after the period ran out: signing a receipt of a
 * collection notice then is a new acknowledgement of the debt (法复〔1999〕7号, for credit
 * cooperatives' notices), and agreeing to pay or paying waives the defence (诉讼时效规定 第19条).
 * A suit, payment order or arbitration restarts only a clock still running on its date, judged
 * from the start and the debtor's acts before it (a chain through an earlier legal step alone is
 * not followed: that errs towards the earlier end).
 */
export function latestInterruptionSql(loan: string, after: string, upTo: RawBuilder<unknown>): RawBuilder<string | null> {
  const debtor = latestOf(DEBTOR_SOURCES, loan, after, (on) => sql`${sql.raw(on)} <= ${upTo}`);
  const running = () => {
    const before = latestOf(DEBTOR_SOURCES, loan, after, (on) => sql`${sql.raw(on)} < ${sql.raw(LEGAL_SOURCE.on)}`);
    return sql`and (select ${sql.raw(expirySql('a.start'))} from (select coalesce(substr(${before}, 1, 10), ${sql.raw(after)}) as start) a) >= ${sql.raw(LEGAL_SOURCE.on)}`;
  };
  const legal = latestOf([LEGAL_SOURCE], loan, after, (on) => sql`${sql.raw(on)} <= ${upTo}`, running);
  return sql<string | null>`nullif(max(coalesce(${debtor}, ''), coalesce(${legal}, '')), '')`;
}

/** latestInterruptionSql's text as its parts. */
export function parseInterruption(text: string | null): { date: string; kind: InterruptionKind; ref: string } | null {
  if (text === null) return null;
  const [date, kind, ...ref] = text.split(SEPARATOR);
  return { date, kind: kind as InterruptionKind, ref: ref.join(SEPARATOR) };
}
