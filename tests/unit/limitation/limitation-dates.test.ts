import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expirySql, latestStartEndingBy } from '../../../electron/backend/limitation/limitation-dates';
import { addDays } from '../../../electron/shared/dates';
import { useTempDatabase } from '../../helpers/temp-database';

const t = useTempDatabase();

/** Three years on, the same calendar day; 29 February → 28 February. */
function oracle(start: string): string {
  const year = String(Number(start.slice(0, 4)) + 3).padStart(4, '0');
  return start.slice(5) === '02-29' ? `${year}-02-28` : `${year}${start.slice(4)}`;
}

async function expiries(from: string, days: number): Promise<Array<{ start: string; end: string }>> {
  const { rows } = await sql<{ start: string; end: string }>`
    with recursive d(start) as (select ${from} union all select date(start, '+1 day') from d where start < date(${from}, ${`+${days - 1} days`}))
    select start, ${sql.raw(expirySql('start'))} as "end" from d`.execute(t.db);
  return rows;
}

describe('the limitation end (诉讼时效届满日)', () => {
  it('is three years on, the same day, for every start of 2023–2028; 29 February ends on 28 February', async () => {
    const rows = await expiries('2023-01-01', 2192);
    expect(rows).toHaveLength(2192);
    for (const r of rows) expect(r.end, r.start).toBe(oracle(r.start));
    expect(rows.find((r) => r.start === '2024-02-29')?.end).toBe('2027-02-28');
    expect(rows.find((r) => r.start === '2028-02-29')?.end).toBe('2031-02-28');
    expect(rows.find((r) => r.start === '2025-02-28')?.end).toBe('2028-02-28');
    expect(rows.find((r) => r.start === '2024-12-31')?.end).toBe('2027-12-31');
  });

  it('the lists skip only loans that cannot end by the window: every start ending by a day is on or before latestStartEndingBy of it', async () => {
    const rows = await expiries('2023-01-01', 2192);
    for (const r of rows) {
      expect(latestStartEndingBy(r.end) >= r.start, `${r.start} → ${r.end}`).toBe(true);
      // And a start a few days later ends after that day: the bound is tight within its slack.
      expect(oracle(addDays(latestStartEndingBy(r.end), 2)) > r.end, r.end).toBe(true);
    }
    expect(latestStartEndingBy('2027-02-28')).toBe('2024-02-29');
    expect(latestStartEndingBy('2028-02-29')).toBe('2025-03-01');
  });
});
