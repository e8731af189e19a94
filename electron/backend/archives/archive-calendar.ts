import { DEFAULT_ARCHIVE_DEADLINE_DAYS } from '../../shared/archive';
import { addDays } from '../../shared/dates';
import type { ReadDb } from '../db/read-db';

/** What a file's deadline is worked out from: N working days, the calendar's exceptions, the cut-over. */
export interface ArchiveCalendar {
  deadlineDays: number;
  /** Weekdays off (节假日). */
  holidays: ReadonlySet<string>;
  /** Weekend days worked (调休上班). */
  workdays: ReadonlySet<string>;
  /** Files of loans disbursed before it start as received; null while none is set. */
  cutoverDate: string | null;
}

export async function loadArchiveCalendar(db: ReadDb): Promise<ArchiveCalendar> {
  const [settings, days] = await Promise.all([
    db.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['archive_deadline_days', 'archive_cutover_date']).execute(),
    db.selectFrom('calendar_days').select(['day', 'kind']).execute(),
  ]);
  const setting = (key: string) => settings.find((s) => s.key === key)?.value ?? '';
  const days_ = Number(setting('archive_deadline_days'));
  return {
    deadlineDays: Number.isInteger(days_) && days_ > 0 ? days_ : DEFAULT_ARCHIVE_DEADLINE_DAYS,
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
    cutoverDate: setting('archive_cutover_date') || null,
  };
}

/** A working day: Monday to Friday unless a holiday, or a weekend day worked instead. */
export function isWorkingDay(cal: Pick<ArchiveCalendar, 'holidays' | 'workdays'>, day: string): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * A file's deadline: the Nth working day after disbursement (the disbursement day itself does
 * not count, as a period "within N working days of" is counted in practice).
 */
export function archiveDueOn(cal: Pick<ArchiveCalendar, 'holidays' | 'workdays' | 'deadlineDays'>, disbursedOn: string): string {
  let day = disbursedOn;
  let left = cal.deadlineDays;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(cal, day)) left--;
  }
  return day;
}
