import { z } from 'zod';
import { rpc } from './contract';
import { month } from './targets';

/**
 * The indicators a branch is judged on, per month, manager, village and branch, drillable to the loans.
 * Every figure comes from the imports (loan_snapshots, each recording the manager of its date), the
 * inspection schedule and the spot checks; a figure that needs an import the register does not have
 * is null and names the date in missingSnapshots.
 */
export const INDICATOR_KEYS = [
  'inspectionCompletion',
  'maturedPrincipalRecovery',
  'interestSettlement21',
  'interestSettlementMonthEnd',
  'overdueUnder90Share',
  'nplRatio',
  'lostCustomers',
  'spotCheckPass',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/** What a ratio's numerator and denominator count. */
export type IndicatorUnit = 'fen' | 'loans' | 'tasks' | 'households' | 'inspections';

export interface IndicatorDefinition {
  key: IndicatorKey;
  name: string;
  /** Shown beside the figure and printed with it. */
  definition: string;
  unit: IndicatorUnit;
}

/** The common dates: "as-of date" means the date of an import (a snapshot of every loan in it). */
export const INDICATOR_DATES_NOTE =
  '数据日期：本月最后一次全量导入的日期（本月没有全量导入时取最后一次导入：部分导出只含其中的贷款）；年初：上年最后一次全量导入的日期（无则取本年第一次）。按客户经理统计时，取所用数据日期当日快照记录的管户客户经理，以后的移交不改写过去的月份。';

export const INDICATOR_DEFINITIONS: Readonly<Record<IndicatorKey, IndicatorDefinition>> = {
  inspectionCompletion: {
    key: 'inspectionCompletion',
    name: '贷后完成率',
    definition: '本月应检查的贷后检查任务（因贷款结清而撤销的除外；应检查日之后的导入中贷款仍在贷的，撤销前未检查即计为未完成）中，在应检查日当天或之前完成检查的笔数 ÷ 本月应检查的笔数；客户经理为应检查日当天的管户客户经理。',
    unit: 'tasks',
  },
  maturedPrincipalRecovery: {
    key: 'maturedPrincipalRecovery',
    name: '到期本金收回率',
    definition:
      '本月到期（本月之前已结清的除外）、且在到期日前最后一次导入中为正常类未结清的贷款：到期收回本金 ÷ 到期前余额。到期收回本金 = 到期前余额 − 到期日当天或之后第一次导入的余额（到那时已结清的按到期前余额全额计）；到期后尚无导入的贷款暂不计入，并列出缺少的数据日期。',
    unit: 'fen',
  },
  interestSettlement21: {
    key: 'interestSettlement21',
    name: '21日结息率',
    definition:
      '仅季末月（3、6、9、12 月）计算：20 日（无当日导入则取 20 日前最后一次导入）余额大于 0 的未结清贷款为应结息笔数，其中 21 日导入的欠息为 0 或已结清的笔数 ÷ 应结息笔数；需要本月 21 日的导入，没有则不计算并列出该日期。',
    unit: 'loans',
  },
  interestSettlementMonthEnd: {
    key: 'interestSettlementMonthEnd',
    name: '月末结息率',
    definition:
      '20 日（无当日导入则取 20 日前最后一次导入）余额大于 0 的未结清贷款为应结息笔数，其中月末最后一天导入的欠息为 0 或已结清的笔数 ÷ 应结息笔数；需要本月最后一天的导入，没有则不计算并列出该日期。',
    unit: 'loans',
  },
  overdueUnder90Share: {
    key: 'overdueUnder90Share',
    name: '正常关注类逾期90天以内贷款占比',
    definition: '本月数据日期：五级分类为正常、关注且本金逾期 1–89 天的贷款余额 ÷ 全部未结清贷款余额。',
    unit: 'fen',
  },
  nplRatio: {
    key: 'nplRatio',
    name: '不良率',
    definition: '本月数据日期：次级、可疑、损失类贷款余额 ÷ 全部未结清贷款余额；较年初变化 = 本月不良率 − 年初不良率。',
    unit: 'fen',
  },
  lostCustomers: {
    key: 'lostCustomers',
    name: '流失客户',
    definition:
      '年初有未结清贷款的农户，到本月数据日期已无未结清贷款、且年初以来没有新发放贷款的户数（比率 = 流失户数 ÷ 年初有贷户数），余额为其年初贷款余额合计；按客户经理统计时，农户归年初余额最大一笔贷款的管户客户经理。',
    unit: 'households',
  },
  spotCheckPass: {
    key: 'spotCheckPass',
    name: '抽查达标率',
    definition: '本月抽查的贷后检查中，贷后管理岗确认（无异议）的笔数 ÷ 已抽查核实（确认或有异议）的笔数；客户经理为检查人。',
    unit: 'inspections',
  },
};

/** money in fen or a count; value = numerator ÷ denominator, null when the denominator is 0 or the figure cannot be computed. */
export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface Indicator extends IndicatorDefinition {
  figure: Ratio;
  /** Why the figure is null or what it rests on (e.g. 非季末月不计算), null when nothing to say. */
  note: string | null;
  /** nplRatio only: the year's start and the change since. */
  sinceYearStart?: { asOf: string | null; figure: Ratio; change: number | null };
}

export interface LostCustomers {
  count: number;
  /** Their balance at the year's start. */
  balanceFen: number;
}

/** The import dates a month's figures rest on (null where there is none). */
export interface IndicatorDates {
  /** The month's last as-of date. */
  asOf: string | null;
  /** The last as-of date of the previous year, else the year's first. */
  yearStart: string | null;
  /** The as-of date of the 20th, or the last one before it. */
  day20: string | null;
  /** YYYY-MM-21 when an import is dated so. */
  day21: string | null;
  /** The month's last day when an import is dated so. */
  monthLastDay: string | null;
}

export interface IndicatorMonth {
  month: string;
  asOf: string | null;
  managerId: string | null;
  villageId: string | null;
  dates: IndicatorDates;
  indicators: Indicator[];
  lostCustomers: LostCustomers;
  /** As-of dates the figures needed and the register does not have, ascending. */
  missingSnapshots: string[];
}

/** One loan (or, for lostCustomers, one household) behind a figure. */
export interface IndicatorDrillRow {
  loanId: string | null;
  loanNo: string | null;
  borrowerId: string;
  borrower: string;
  village: string | null;
  managerId: string | null;
  manager: string | null;
  /** Whether it is in the numerator. */
  counted: boolean;
  /** Its part of the numerator and of the denominator (fen or 1). */
  numerator: number;
  denominator: number;
  /** What the figure rests on for this loan, in words (dates and amounts). */
  detail: string;
}

export interface IndicatorDrill {
  month: string;
  indicator: IndicatorDefinition;
  figure: Ratio;
  /** Every row matching (the figure's loans; for the balance shares only those in the numerator). */
  count: number;
  rows: IndicatorDrillRow[];
}

export type IndicatorFigures = Record<IndicatorKey, Ratio>;

export interface IndicatorManagerRow {
  /** null for the branch. */
  managerId: string | null;
  name: string;
  figures: IndicatorFigures;
  lostCustomers: LostCustomers;
}

export interface IndicatorsByManager {
  month: string;
  asOf: string | null;
  definitions: IndicatorDefinition[];
  rows: IndicatorManagerRow[];
  branch: IndicatorManagerRow;
  missingSnapshots: string[];
}

export interface IndicatorTrendMonth {
  month: string;
  asOf: string | null;
  figures: IndicatorFigures;
  lostCustomers: LostCustomers;
  missingSnapshots: string[];
}

export interface IndicatorTrend {
  definitions: IndicatorDefinition[];
  months: IndicatorTrendMonth[];
}

export const TREND_MONTHS_MAX = 36;
export const DRILL_PAGE_MAX = 2000;

const id = z.string().min(1).max(100);
const filters = { managerId: id.optional(), villageId: id.optional() };

export const indicatorsApi = {
  'indicators.month': rpc<IndicatorMonth>()(z.object({ month, ...filters }).strict()),
  'indicators.drill': rpc<IndicatorDrill>()(
    z
      .object({
        month,
        indicator: z.enum(INDICATOR_KEYS, { error: '未知指标' }),
        ...filters,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(DRILL_PAGE_MAX).default(500),
      })
      .strict(),
  ),
  'indicators.byManager': rpc<IndicatorsByManager>()(z.object({ month, villageId: id.optional() }).strict()),
  'indicators.trend': rpc<IndicatorTrend>()(
    z
      .object({ from: month, to: month, ...filters })
      .strict()
      .refine((x) => x.from <= x.to, { message: '起始月份不能晚于结束月份', path: ['from'] })
      .refine((x) => monthsBetween(x.from, x.to) <= TREND_MONTHS_MAX, { message: `最多 ${TREND_MONTHS_MAX} 个月`, path: ['to'] }),
  ),
};

/** How many months from `from` to `to`, both counted. */
export function monthsBetween(from: string, to: string): number {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return index(to) - index(from) + 1;
}
