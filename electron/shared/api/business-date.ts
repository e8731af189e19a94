import { z } from 'zod';
import { isBusinessDate, parseBusinessDate } from '../dates';

export const BUSINESS_DATE_MESSAGE = '日期无效，应为 YYYY-MM-DD 的真实日期';

/**
 * True for a date as every contract and the CLI take it: written exactly `YYYY-MM-DD`, a real
 * calendar day (not 2026-02-30), in the years a spreadsheet date may have (1900–2999).
 */
export function isBusinessDateInput(value: unknown): value is string {
  // parseBusinessDate keeps the year range and writes the canonical form: '2026-2-3' comes back changed.
  return typeof value === 'string' && isBusinessDate(value) && parseBusinessDate(value) === value;
}

/** The one schema for a business date in a contract. */
// abort: a date that is not one gets this message alone, not also those of refinements added after it.
export const businessDate = z.string({ error: BUSINESS_DATE_MESSAGE }).refine(isBusinessDateInput, { error: BUSINESS_DATE_MESSAGE, abort: true });

/**
 * A date as AG Grid's date filter sends it, `YYYY-MM-DD hh:mm:ss` (or the date alone): the date
 * part must be a business date.
 */
export const gridFilterDate = z
  .string({ error: BUSINESS_DATE_MESSAGE })
  .refine((s) => /^.{10}( \d{2}:\d{2}:\d{2})?$/.test(s) && isBusinessDateInput(s.slice(0, 10)), BUSINESS_DATE_MESSAGE);
