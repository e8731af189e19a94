import { z } from 'zod';
import { overLimit } from '../text-length';
import { businessDate } from './business-date';
import { rpc } from './contract';
import type { FileDownload } from './register';

/**
 * 驻村工作: per village its cadres (村干部: 村支两委, 村民小组组长) with role and phone, the
 * managers' visits (驻村走访: date, who went, whom they met, what was learned), and the villages
 * not visited in the last 6 months (each manager spends a day in each village every half year).
 */
export const CADRE_ROLES = ['村支书', '村主任', '村支两委委员', '村民小组组长', '会计', '其他'] as const;
export type CadreRole = (typeof CADRE_ROLES)[number];

/** A village counts as visited when a visit is dated after today minus this many months. */
export const VISIT_PERIOD_MONTHS = 6;

export const CADRE_LIMITS = { name: 20, groupName: 20, phone: 30, note: 200 } as const;
export const VISIT_LIMITS = { visitors: 100, met: 200, learned: 1000 } as const;

export interface CadreView {
  id: string;
  villageId: string;
  name: string;
  role: string;
  /** 组 of a 村民小组组长 (三组); '' otherwise. */
  groupName: string;
  phone: string;
  note: string;
  active: boolean;
  updatedAt: number;
}

export interface VisitView {
  id: string;
  villageId: string;
  visitedOn: string;
  visitors: string;
  met: string;
  learned: string;
  staffId: string;
  staffName: string;
  createdAt: number;
}

export interface VillageWorkView {
  villageId: string;
  township: string;
  village: string;
  managerId: string | null;
  manager: string | null;
  /** Active first (by role), then those no longer in office. */
  cadres: CadreView[];
  /** Newest first. */
  visits: VisitView[];
  /** Whether the caller may record work in this village (an account manager: only their own). */
  canWrite: boolean;
}

export interface NotVisitedRow {
  villageId: string;
  township: string;
  village: string;
  /** villages.manager_id, else the manager of most of its active loans. */
  managerId: string | null;
  manager: string | null;
  loans: number;
  balanceFen: number;
  /** Null: never visited (从未走访). */
  lastVisitOn: string | null;
  daysSince: number | null;
}

export interface NotVisitedList {
  today: string;
  /** Visits on or before this day do not count (today minus 6 months). */
  cutoff: string;
  rows: NotVisitedRow[];
  /** Villages with active loans in all (visited or not), under the same manager filter. */
  villagesWithLoans: number;
  managers: Array<{ id: string; name: string }>;
}

const text = (max: number, label: string) =>
  z
    .string()
    .transform((s) => s.trim())
    .superRefine((s, ctx) => {
      if (overLimit(s, max)) ctx.addIssue({ code: 'custom', message: `${label}最多 ${max} 个字` });
    });
const required = (max: number, label: string) => text(max, label).refine((s) => s.length > 0, `请填写${label}`);
const id = z.string().min(1).max(100);

const cadreFields = {
  name: required(CADRE_LIMITS.name, '姓名'),
  role: z.enum(CADRE_ROLES, { error: '请选择职务' }),
  groupName: text(CADRE_LIMITS.groupName, '组').default(''),
  /** Normalised and checked by the backend; '' for none. */
  phone: text(CADRE_LIMITS.phone, '电话').default(''),
  note: text(CADRE_LIMITS.note, '备注').default(''),
};

const notVisitedQuery = z
  .object({
    /** A staff id; null for villages without a manager; absent for all. */
    managerId: id.nullable().optional(),
  })
  .strict();

export const villageWorkApi = {
  /** Villages with active loans and no visit in the last 6 months, longest unvisited first (never visited first). */
  'villageWork.notVisited': rpc<NotVisitedList>()(notVisitedQuery),
  'villageWork.exportNotVisited': rpc<FileDownload & { count: number }>()(notVisitedQuery),
  /** One village's cadres and visits. */
  'villageWork.village': rpc<VillageWorkView>()(z.object({ villageId: id }).strict()),
  'villageWork.addCadre': rpc<CadreView>()(z.object({ villageId: id, ...cadreFields }).strict()),
  /** Edits a cadre as the caller read them (updatedAt); refused when someone changed them since. */
  'villageWork.updateCadre': rpc<CadreView>()(z.object({ cadreId: id, updatedAt: z.number().int(), ...cadreFields }).strict()),
  /** No longer in office (离任): kept on the village's page, greyed. */
  'villageWork.deactivateCadre': rpc<CadreView>()(z.object({ cadreId: id, updatedAt: z.number().int() }).strict()),
  'villageWork.recordVisit': rpc<VisitView>()(
    z
      .object({
        villageId: id,
        /** Absent: today. */
        visitedOn: businessDate.optional(),
        /** Who went; absent or empty: the caller. */
        visitors: text(VISIT_LIMITS.visitors, '走访人员').default(''),
        met: text(VISIT_LIMITS.met, '接待人').default(''),
        learned: required(VISIT_LIMITS.learned, '了解的情况'),
      })
      .strict(),
  ),
};
