import { sql } from 'kysely';
import { INTERRUPTION_LABELS, LIMITATION_WITHIN_DAYS, type InterruptionKind, type LimitationEvent, type LimitationRow, type LoanClock } from '../../shared/api/limitation';
import { todayLocal } from '../../shared/dates';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import { clockRows } from './clock-query';
import { interruptionsSql } from './interruptions-sql';
import { expiryOf } from './limitation-dates';

interface Candidate {
  on_: string;
  kind: InterruptionKind;
  ref: string;
  void: string | null;
}

/**
 * One loan's clock as of `asOf` (today unless asked), the same figures as its row in the list,
 * and every event that did or did not move it, oldest first.
 */
export async function loanClock(db: ReadDb, loanId: string, asOfAsked: string | undefined): Promise<LoanClock> {
  const asOf = asOfAsked ?? todayLocal();
  const loan = await db
    .selectFrom('loans as l')
    .innerJoin('borrowers as b', 'b.id', 'l.borrower_id')
    .select(['l.id', 'l.loan_no', 'l.status', 'l.disbursed_on', 'l.maturity_on', 'b.id as borrower_id', 'b.name'])
    .where('l.id', '=', loanId)
    .executeTakeFirst();
  if (!loan) throw new AppError('NOT_FOUND', '找不到这笔贷款，请刷新后重试。', `limitation.loan: loan ${loanId} not found`);
  const [{ rows }, accelerations, candidates] = await Promise.all([
    clockRows(db, { asOf, withinDays: LIMITATION_WITHIN_DAYS, show: 'all', loanId }, null),
    db.selectFrom('limitation_events').select(['event_on', 'note']).where('loan_id', '=', loanId).where('kind', '=', 'acceleration').orderBy('event_on').execute(),
    sql<Candidate>`${interruptionsSql(sql`select ${loanId}`)}`.execute(db),
  ]);
  const clock = rows[0] ?? null;
  const events: LimitationEvent[] = [];
  if (loan.maturity_on !== null) {
    const counted = clock?.startKind === 'maturity';
    events.push({ date: loan.maturity_on, kind: 'maturity', ref: '贷款到期日', counted, reason: counted ? '时效自到期日起算' : clock ? '已宣布提前到期，时效自宣布之日起算' : '贷款已结清，不再计算时效' });
  }
  for (const a of accelerations) events.push({ date: a.event_on, kind: 'acceleration', ref: a.note || '宣布提前到期', ...accelerationCounts(a.event_on, clock, loan.maturity_on, asOf) });
  for (const c of candidates.rows) events.push({ date: c.on_, kind: c.kind, ref: c.ref, ...interruptionCounts(c, clock, asOf, candidates.rows) });
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    loanId: loan.id,
    borrowerId: loan.borrower_id,
    loanNo: loan.loan_no,
    borrowerName: loan.name,
    status: loan.status,
    disbursedOn: loan.disbursed_on,
    maturityOn: loan.maturity_on,
    asOf,
    startOn: clock?.startOn ?? null,
    startKind: clock?.startKind ?? null,
    lastInterruption: clock?.lastInterruption ?? null,
    expiresOn: clock?.expiresOn ?? null,
    daysLeft: clock?.daysLeft ?? null,
    events,
  };
}

function accelerationCounts(on: string, clock: LimitationRow | null, maturityOn: string | null, asOf: string): Pick<LimitationEvent, 'counted' | 'reason'> {
  if (clock === null) return { counted: false, reason: '贷款已结清，不再计算时效' };
  if (on > asOf) return { counted: false, reason: `晚于截至日 ${asOf}，截至日不影响时效` };
  if (maturityOn !== null && on >= maturityOn) return { counted: false, reason: '不早于到期日，贷款届时已经到期' };
  if (clock.startKind === 'acceleration' && clock.startOn === on) return { counted: true, reason: '时效自宣布提前到期之日起算' };
  return { counted: false, reason: '此前已宣布提前到期，时效自最早一次起算' };
}

function interruptionCounts(c: Candidate, clock: LimitationRow | null, asOf: string, all: readonly Candidate[]): Pick<LimitationEvent, 'counted' | 'reason'> {
  if (c.void !== null) return { counted: false, reason: c.void };
  if (clock === null) return { counted: false, reason: '贷款已结清，不再计算时效' };
  if (c.on_ > asOf) return { counted: false, reason: `晚于截至日 ${asOf}，截至日不影响时效` };
  if (c.on_ <= clock.startOn) return { counted: false, reason: '不晚于时效起算日，不改变起算' };
  if (c.kind === 'legal') {
    // As latestInterruptionSql: a legal step restarts only a clock still running, judged from the start and the debtor's acts before it.
    const anchor = all.filter((d) => d.kind !== 'legal' && d.void === null && d.on_ > clock.startOn && d.on_ < c.on_).reduce((a, d) => (d.on_ > a ? d.on_ : a), clock.startOn);
    const ended = expiryOf(anchor);
    if (ended < c.on_) return { counted: false, reason: `时效已于 ${ended} 届满，此后的法律措施不能使其重新起算` };
  }
  const last = clock.lastInterruption;
  const isLast = last !== null && last.date === c.on_ && last.kind === c.kind && last.ref === c.ref;
  return { counted: true, reason: `${INTERRUPTION_LABELS[c.kind]}中断时效，自此重新起算${isLast ? '（最近一次）' : ''}` };
}
