import { sql } from 'kysely';
import type { IndicatorDates } from '../../shared/api/indicators';
import { addDays } from '../../shared/dates';
import type { ReadDb } from '../db/read-db';
import { addMonths } from '../village-work/months';

export interface MonthDates extends IndicatorDates {
  month: string;
  /** The month's first and last days. */
  first: string;
  last: string;
  /** YYYY-MM-20 and YYYY-MM-21. */
  the20th: string;
  the21st: string;
  quarterEnd: boolean;
}

/**
 * The import dates a month's indicators rest on (see INDICATOR_DATES_NOTE); each a seek on
 * loan_snapshots(as_of). A date whose figures are read as the whole book (the month's as-of date,
 * the year's start, the 20th) is a full export's where there is one: a partial export (one
 * village, one product) holds only its own loans, and the book read from it would leave the
 * others out. Where the period has no full export, its last import (demo data records none).
 */
export async function monthDates(db: ReadDb, month: string): Promise<MonthDates> {
  const first = `${month}-01`;
  const last = addDays(addMonths(first, 1), -1);
  const yearFirst = `${month.slice(0, 4)}-01-01`;
  const the20th = `${month}-20`;
  const the21st = `${month}-21`;
  const { rows } = await sql<{ as_of: string | null; before_year: string | null; year_first: string | null; day20: string | null; has21: number; has_last: number }>`
    select
      coalesce((select max(as_of) from imports where full_export = 1 and as_of >= ${first} and as_of <= ${last}),
        (select max(as_of) from loan_snapshots where as_of >= ${first} and as_of <= ${last})) as as_of,
      coalesce((select max(as_of) from imports where full_export = 1 and as_of < ${yearFirst}),
        (select max(as_of) from loan_snapshots where as_of < ${yearFirst})) as before_year,
      coalesce((select min(as_of) from imports where full_export = 1 and as_of >= ${yearFirst} and as_of <= ${last}),
        (select min(as_of) from loan_snapshots where as_of >= ${yearFirst} and as_of <= ${last})) as year_first,
      coalesce((select max(as_of) from imports where full_export = 1 and as_of <= ${the20th}),
        (select max(as_of) from loan_snapshots where as_of <= ${the20th})) as day20,
      exists (select 1 from loan_snapshots where as_of = ${the21st}) as has21,
      exists (select 1 from loan_snapshots where as_of = ${last}) as has_last`.execute(db);
  const r = rows[0];
  return {
    month,
    first,
    last,
    the20th,
    the21st,
    quarterEnd: ['03', '06', '09', '12'].includes(month.slice(5, 7)),
    asOf: r.as_of,
    yearStart: r.before_year ?? r.year_first,
    day20: r.day20,
    day21: r.has21 ? the21st : null,
    monthLastDay: r.has_last ? last : null,
  };
}
