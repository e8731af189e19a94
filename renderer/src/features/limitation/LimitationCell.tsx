import { INTERRUPTION_LABELS } from '../../../../electron/shared/api/limitation';
import { useRpcQuery } from '../../api/useRpcQuery';

/** Days before the end when the household panel marks a loan's limitation (as 即将届满 lists it). */
const WARN_DAYS = 180;

/** An active loan's 诉讼时效届满日 in the household panel, marked when it is near or past, with what last restarted it. */
export function LimitationCell({ loanId }: { loanId: string }) {
  const clock = useRpcQuery('limitation.loan', { loanId });
  if (clock.state.status !== 'ready' || clock.state.data.expiresOn === null) return null;
  const { expiresOn, daysLeft, lastInterruption } = clock.state.data;
  const expired = daysLeft !== null && daysLeft < 0;
  const soon = daysLeft !== null && daysLeft <= WARN_DAYS;
  const why = lastInterruption ? `最近中断：${lastInterruption.date} ${INTERRUPTION_LABELS[lastInterruption.kind]}（${lastInterruption.ref}）` : '自到期日起算，未中断';
  return (
    <span className={expired ? 'text-danger' : soon ? 'text-warning' : undefined} title={why} data-testid="household-limitation">
      {expiresOn}
      {expired ? ' 已届满' : ''}
    </span>
  );
}
