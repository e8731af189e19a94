import { z } from 'zod';
import { rpc } from './contract';
import { businessDate } from './business-date';
import { limitedText } from './limited-text';

/**
 * Post-loan inspections (贷后检查): rules, the schedule, records and four-eyes spot checks (抽查).
 *
 * Rules say, per product and guarantee type ('' = any, the most specific winning), within how
 * many days of disbursement the first inspection is due and every how many months a routine one.
 * The schedule (tasks) is kept by the write path: an import opens first, routine and ad-hoc tasks
 * and cancels those of settled loans; recording an inspection closes the loan's earliest open task
 * and opens the next routine one. Each month the reviewer draws a share of every inspector's
 * inspections (setting spot_check_percent) and confirms or disputes them; nobody checks their own.
 */

export const RULE_GUARANTEE_TYPES = ['', '信用', '保证', '抵押', '质押'] as const;
export type RuleGuaranteeType = (typeof RULE_GUARANTEE_TYPES)[number];

export const INSPECTION_WAYS = ['site', 'phone', 'offsite'] as const;
export type InspectionWay = (typeof INSPECTION_WAYS)[number];
export const INSPECTION_WAY_LABELS: Record<InspectionWay, string> = { site: '实地', phone: '电话', offsite: '非现场' };

export const INSPECTION_CONCLUSIONS = ['normal', 'attention', 'reclassify', 'recall'] as const;
export type InspectionConclusion = (typeof INSPECTION_CONCLUSIONS)[number];
export const INSPECTION_CONCLUSION_LABELS: Record<InspectionConclusion, string> = {
  normal: '正常',
  attention: '关注',
  reclassify: '建议调整分类',
  recall: '建议提前收回',
};

/** 风险预警信号: the fixed list an inspection picks from. */
export const RISK_SIGNALS = ['外出失联', '经营异常', '涉诉', '他行逾期', '担保人风险', '家庭变故', '抵质押物异常', '其他'] as const;
export type RiskSignal = (typeof RISK_SIGNALS)[number];

export const TASK_KINDS = ['first', 'routine', 'adhoc'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_KIND_LABELS: Record<TaskKind, string> = { first: '首次检查', routine: '常规检查', adhoc: '专项检查' };
export type TaskStatus = 'open' | 'done' | 'cancelled';
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = { open: '待检查', done: '已完成', cancelled: '已取消' };

/** The worklist shows open tasks due from today on through this many days, and every overdue one. */
export const DUE_WINDOW_DAYS = 30;

export const SPOT_CHECK_VERDICTS = ['pending', 'confirmed', 'disputed'] as const;
export type SpotCheckVerdict = (typeof SPOT_CHECK_VERDICTS)[number];
export const SPOT_CHECK_VERDICT_LABELS: Record<SpotCheckVerdict, string> = { pending: '待核查', confirmed: '确认', disputed: '有异议' };
export const DEFAULT_SPOT_CHECK_PERCENT = 10;

export interface InspectionRuleView {
  id: string;
  product: string;
  guaranteeType: RuleGuaranteeType;
  firstDays: number;
  routineMonths: number;
  updatedAt: number;
}

/** One question of a product's findings template: yes/no (answered true/false) or free text. */
export interface TemplateQuestion {
  key: string;
  label: string;
  kind: 'yesno' | 'text';
  required: boolean;
}

export interface InspectionTemplate {
  loanId: string;
  /** 经营 (business loans) or 农户 (farmer loans): which built-in template applies. */
  productKind: 'business' | 'farmer';
  questions: TemplateQuestion[];
  riskSignals: readonly RiskSignal[];
}

export type FindingAnswer = boolean | string;

export interface DueTaskRow {
  taskId: string;
  loanId: string;
  loanNo: string;
  borrower: string;
  village: string | null;
  managerId: string | null;
  manager: string | null;
  kind: TaskKind;
  dueOn: string;
  reason: string;
  /** Due before the as-of date. */
  overdue: boolean;
}

export interface DueTasksPage {
  asOf: string;
  /** The last due date listed: as-of + DUE_WINDOW_DAYS. */
  windowEnd: string;
  count: number;
  overdueCount: number;
  rows: DueTaskRow[];
  /** The whole selection per manager (today's manager; null: loans without one), most due first. */
  byManager: Array<{ managerId: string | null; manager: string | null; due: number; overdue: number }>;
}

export interface InspectionTaskView {
  id: string;
  kind: TaskKind;
  dueOn: string;
  reason: string;
  status: TaskStatus;
  inspectionId: string | null;
}

export interface InspectionView {
  id: string;
  loanId: string;
  inspectedOn: string;
  way: InspectionWay;
  findings: Record<string, FindingAnswer>;
  riskSignals: RiskSignal[];
  conclusion: InspectionConclusion;
  followUp: string;
  staffId: string;
  staffName: string;
  spotCheck: { checkId: string; verdict: SpotCheckVerdict; note: string } | null;
}

export interface LoanInspections {
  loan: {
    loanId: string;
    loanNo: string;
    borrower: string;
    product: string;
    guaranteeType: string;
    disbursedOn: string | null;
    status: 'active' | 'settled';
    manager: string | null;
  };
  /** The rule the loan's schedule follows. */
  rule: { firstDays: number; routineMonths: number };
  tasks: InspectionTaskView[];
  /** Newest first. */
  inspections: InspectionView[];
}

export interface RecordedInspection {
  inspectionId: string;
  /** The open task it fulfilled (the loan's earliest), null when none was open. */
  closedTask: InspectionTaskView | null;
  /** The routine task opened after it, null when one was already open or the loan is settled. */
  nextTask: InspectionTaskView | null;
}

export interface SpotCheckRow {
  checkId: string;
  inspectionId: string;
  loanId: string;
  loanNo: string;
  borrower: string;
  inspectorId: string;
  inspector: string;
  inspectedOn: string;
  way: InspectionWay;
  conclusion: InspectionConclusion;
  verdict: SpotCheckVerdict;
  note: string;
  checker: string | null;
  checkedOn: string | null;
  updatedAt: number;
}

export interface SpotCheckMonth {
  month: string;
  percent: number;
  rows: SpotCheckRow[];
  /** Every inspector with inspections in the month: how many, how many drawn, and the verdicts. */
  byInspector: Array<{ staffId: string; name: string; inspections: number; drawn: number; confirmed: number; disputed: number }>;
}

const id = z.string().min(1).max(100);
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM');

export const findingsSchema = z.record(z.string().min(1).max(40), z.union([z.boolean(), limitedText(500)]));

export const recordInspectionSchema = z
  .object({
    loanId: id,
    inspectedOn: businessDate,
    way: z.enum(INSPECTION_WAYS, { error: '请选择检查方式（实地、电话或非现场）' }),
    findings: findingsSchema,
    riskSignals: z
      .array(z.enum(RISK_SIGNALS, { error: '风险预警信号应从列表中选择' }))
      .max(RISK_SIGNALS.length)
      .refine((s) => new Set(s).size === s.length, '风险预警信号不能重复')
      .default([]),
    conclusion: z.enum(INSPECTION_CONCLUSIONS, { error: '请选择检查结论' }),
    followUp: limitedText(1000).default(''),
  })
  .strict();
export type RecordInspectionInput = z.infer<typeof recordInspectionSchema>;

export const inspectionsApi = {
  /** Every rule, most general first. */
  'inspections.rules': rpc<InspectionRuleView[]>()(z.object({}).strict()),
  /** Adds or changes the rule of a product and guarantee type ('' any). Tasks already open keep their due dates. */
  'inspections.saveRule': rpc<InspectionRuleView>()(
    z
      .object({
        product: limitedText(60).default(''),
        guaranteeType: z.enum(RULE_GUARANTEE_TYPES, { error: '担保方式应为 信用、保证、抵押、质押 或留空（任意）' }),
        firstDays: z.number({ error: '首次检查天数应为 1 到 366 的整数' }).int('首次检查天数应为整数').min(1, '首次检查天数至少 1 天').max(366, '首次检查天数最多 366 天'),
        routineMonths: z.number({ error: '常规检查间隔应为 1 到 24 的整数' }).int('常规检查间隔应为整数').min(1, '常规检查间隔至少 1 个月').max(24, '常规检查间隔最多 24 个月'),
      })
      .strict(),
  ),
  /** The findings template of the loan's product (经营 or 农户), with the risk-signal list. */
  'inspections.template': rpc<InspectionTemplate>()(z.object({ loanId: id }).strict()),
  /** Records an inspection: closes the loan's earliest open task and opens the next routine one. */
  'inspections.record': rpc<RecordedInspection>()(recordInspectionSchema),
  /** Open tasks due on or before as-of + 30 days (overdue ones included), by due date then loan number. */
  'inspections.due': rpc<DueTasksPage>()(
    z
      .object({
        asOf: businessDate.optional(),
        /** Today's manager; null for loans without one; absent for every manager. */
        managerId: id.nullable().optional(),
        villageId: id.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(2000).default(500),
      })
      .strict(),
  ),
  /** A loan's tasks and inspections. */
  'inspections.byLoan': rpc<LoanInspections>()(z.object({ loanId: id }).strict()),

  /** Samples the month's inspections of every inspector (spot_check_percent, rounded up); drawing again adds only what is missing. */
  'spotChecks.draw': rpc<{ month: string; percent: number; drawn: number }>()(z.object({ month: monthSchema }).strict()),
  'spotChecks.list': rpc<SpotCheckMonth>()(z.object({ month: monthSchema }).strict()),
  /** Confirms or disputes (with a note) a drawn inspection; refused (FOUR_EYES) to whoever recorded it. */
  'spotChecks.decide': rpc<SpotCheckRow>()(
    z
      .object({ checkId: id, verdict: z.enum(['confirmed', 'disputed']), note: limitedText(500).default('') })
      .strict()
      .refine((r) => r.verdict === 'confirmed' || r.note !== '', { message: '有异议时请写明理由', path: ['note'] }),
  ),
  'spotChecks.settings': rpc<{ percent: number }>()(z.object({}).strict()),
  /** The share of each inspector's inspections drawn each month, 0 to 100 (%). */
  'spotChecks.setPercent': rpc<{ percent: number }>()(
    z.object({ percent: z.number({ error: '抽查比例应为 0 到 100 的整数' }).int('抽查比例应为整数').min(0, '抽查比例不能为负').max(100, '抽查比例最多 100%') }).strict(),
  ),
};
