import type { ParsedInputOf } from '../../shared/api/contract';
import type { archiveSettingsApi } from '../../shared/api/archive-settings';
import type { WriteContext } from '../changelog/write-context';
import { AppError } from '../rpc/app-error';
import { rescheduleOpenFiles } from './reschedule';

type DayInput = ParsedInputOf<(typeof archiveSettingsApi)['archiveSettings.saveCalendarDay']>;

export const DEADLINE_DAYS_KEY = 'archive_deadline_days';

/** The deadline in working days; the files not yet handed over get their new deadlines. */
export async function setDeadlineDays(w: WriteContext, days: number): Promise<number> {
  await w.setSetting(DEADLINE_DAYS_KEY, String(days));
  return rescheduleOpenFiles(w);
}

const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/**
 * Adds, changes or removes (kind null) a day of the calendar; the files not yet handed over get
 * their new deadlines. A day worked instead (调休上班) can only be a Saturday or a Sunday.
 */
export async function saveCalendarDay(w: WriteContext, input: DayInput): Promise<number> {
  if (input.kind === 'workday' && !isWeekend(input.day)) {
    throw new AppError('INVALID_INPUT', `${input.day} 不是周六或周日，本来就是工作日，不需要登记为调休上班日。`, `calendar workday ${input.day} is a weekday`);
  }
  const before = await w.trx.selectFrom('calendar_days').selectAll().where('day', '=', input.day).executeTakeFirst();
  if (input.kind === null) {
    if (!before) return 0;
    await w.delete('calendar_days', before);
  } else if (before) {
    await w.update('calendar_days', before, { kind: input.kind, name: input.name });
  } else {
    await w.insert('calendar_days', { day: input.day, kind: input.kind, name: input.name });
  }
  return rescheduleOpenFiles(w);
}
