import {
  INDICATOR_DEFINITIONS,
  INDICATOR_KEYS,
  type Indicator,
  type IndicatorFigures,
  type IndicatorManagerRow,
  type IndicatorMonth,
  type IndicatorsByManager,
  type IndicatorTrend,
  type LostCustomers,
} from '../../shared/api/indicators';
import { readTransaction, type ReadDb } from '../db/read-db';
import { addMonths } from '../village-work/months';
import { keptMonthTallies } from './kept-tallies';
import { total, type ByManager, type MonthTallies } from './month-tallies';
import { NOT_COMPUTED, ratio, ZERO, type Tally } from './ratio';

/** A manager's tally, or the branch's (every manager and the loans without one) when managerId is undefined. */
function of(m: ByManager | null, managerId: string | undefined): Tally | null {
  if (m === null) return null;
  return managerId === undefined ? total(m) : (m.get(managerId) ?? ZERO);
}

function figuresOf(t: MonthTallies, managerId: string | undefined): IndicatorFigures {
  return Object.fromEntries(
    INDICATOR_KEYS.map((k) => {
      const tally = of(t.tallies[k], managerId);
      return [k, tally === null ? NOT_COMPUTED : ratio(tally)];
    }),
  ) as IndicatorFigures;
}

function lostOf(t: MonthTallies, managerId: string | undefined): LostCustomers {
  return { count: of(t.tallies.lostCustomers, managerId)?.numerator ?? 0, balanceFen: of(t.lostBalance, managerId)?.numerator ?? 0 };
}

function indicatorsOf(t: MonthTallies, managerId: string | undefined): Indicator[] {
  const figures = figuresOf(t, managerId);
  return INDICATOR_KEYS.map((k) => {
    const indicator: Indicator = { ...INDICATOR_DEFINITIONS[k], figure: figures[k], note: t.notes[k] ?? null };
    if (k === 'nplRatio') {
      const start = of(t.nplStart, managerId);
      const startFigure = start === null ? NOT_COMPUTED : ratio(start);
      const change = figures.nplRatio.value === null || startFigure.value === null ? null : figures.nplRatio.value - startFigure.value;
      indicator.sinceYearStart = { asOf: t.dates.yearStart, figure: startFigure, change };
    }
    return indicator;
  });
}

export async function indicatorMonth(db: ReadDb, month: string, managerId?: string, villageId?: string): Promise<IndicatorMonth> {
  const t = await readTransaction(db, (trx) => keptMonthTallies(db, trx, month, villageId));
  const { month: _m, first: _f, last: _l, the20th: _20, the21st: _21, quarterEnd: _q, ...dates } = t.dates;
  return {
    month,
    asOf: t.dates.asOf,
    managerId: managerId ?? null,
    villageId: villageId ?? null,
    dates,
    indicators: indicatorsOf(t, managerId),
    lostCustomers: lostOf(t, managerId),
    missingSnapshots: t.missingSnapshots,
  };
}

/** One row per account manager (active ones, and anyone a figure names), then the branch. */
export async function indicatorsByManager(db: ReadDb, month: string, villageId?: string): Promise<IndicatorsByManager> {
  return readTransaction(db, async (trx) => {
    const t = await keptMonthTallies(db, trx, month, villageId);
    const named = new Set<string>();
    for (const m of [...Object.values(t.tallies), t.nplStart]) for (const k of m?.keys() ?? []) if (k !== '') named.add(k);
    const staff = await trx
      .selectFrom('staff')
      .select(['id', 'display_name'])
      .where((eb) => eb.or([eb.and([eb('role', '=', 'manager'), eb('active', '=', 1)]), ...(named.size > 0 ? [eb('id', 'in', [...named])] : [])]))
      .execute();
    const collator = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
    staff.sort((a, b) => collator.compare(a.display_name, b.display_name));
    const row = (managerId: string | undefined, name: string): IndicatorManagerRow => ({
      managerId: managerId ?? null,
      name,
      figures: figuresOf(t, managerId),
      lostCustomers: lostOf(t, managerId),
    });
    return {
      month,
      asOf: t.dates.asOf,
      definitions: INDICATOR_KEYS.map((k) => INDICATOR_DEFINITIONS[k]),
      rows: staff.map((s) => row(s.id, s.display_name)),
      branch: row(undefined, '全支行'),
      missingSnapshots: t.missingSnapshots,
    };
  });
}

export async function indicatorTrend(db: ReadDb, from: string, to: string, managerId?: string, villageId?: string): Promise<IndicatorTrend> {
  return readTransaction(db, async (trx) => {
    const months: IndicatorTrend['months'] = [];
    for (let m = from; m <= to; m = addMonths(`${m}-01`, 1).slice(0, 7)) {
      const t = await keptMonthTallies(db, trx, m, villageId);
      months.push({ month: m, asOf: t.dates.asOf, figures: figuresOf(t, managerId), lostCustomers: lostOf(t, managerId), missingSnapshots: t.missingSnapshots });
    }
    return { definitions: INDICATOR_KEYS.map((k) => INDICATOR_DEFINITIONS[k]), months };
  });
}
