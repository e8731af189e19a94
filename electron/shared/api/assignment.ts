import { z } from 'zod';
import { rpc } from './contract';
import { limitedText } from './limited-text';

/** A manager's (or the branch's) book: active loans only; money in fen. */
export interface LoadFigures {
  households: number;
  loans: number;
  balanceFen: number;
  overdueBalanceFen: number;
  /** 次级 + 可疑 + 损失. */
  nonPerformingBalanceFen: number;
}

/**
 * One row of the load table. A household whose loans two managers share counts once, for the
 * one holding most of its balance, so that the rows add up to the branch's households.
 */
export interface LoadRow extends LoadFigures {
  /** Null for the row of active loans nobody looks after (未分配). */
  managerId: string | null;
  name: string;
  /** A staff member who has left (停用) still shows while loans are assigned to them. */
  active: boolean;
  /** This row's share of the branch's balance, 0–1. */
  balanceShare: number;
}

export interface ManagerOption {
  id: string;
  name: string;
}

export interface LoadTable {
  rows: LoadRow[];
  /** The 合计 row: the branch's figures, counted directly (the rows add up to them). */
  totals: LoadFigures;
  /** Active account managers: whom loans may be assigned to. */
  assignable: ManagerOption[];
  /** Whether the caller may assign (支行长, 管理员); everyone else sees the table read-only. */
  canAssign: boolean;
}

export interface AssignOutcome {
  /** Loans that changed manager (each got a new assignment, its old one ended). */
  moved: number;
  /** Loans that already had this manager. */
  unchanged: number;
}

export interface TakeoverOutcome {
  moved: number;
  /** What each manager took over. */
  to: Array<LoadFigures & { managerId: string; name: string }>;
}

export interface AssignmentHistoryEntry {
  id: string;
  loanId: string;
  loanNo: string;
  managerId: string;
  managerName: string;
  validFrom: string;
  /** The first day no longer (null while current). */
  validTo: string | null;
  reason: string;
  /** Who made the assignment, and who ended it; null where the change log has no person for it (a migration). */
  assignedBy: string | null;
  endedBy: string | null;
  /** When it was recorded (epoch ms). */
  at: number;
}

export interface ProposalManagerRow {
  /** Null for the row of loans nobody looks after now. */
  managerId: string | null;
  name: string;
  /** One of the managers the proposal is among (the others give up their loans). */
  picked: boolean;
  before: LoadFigures;
  after: LoadFigures & { villages: number };
}

export interface ProposalVillageRow {
  /** Null for households with no village. */
  villageId: string | null;
  township: string;
  village: string;
  households: number;
  loans: number;
  balanceFen: number;
  overdueBalanceFen: number;
  /** Who looks after it now, as the villages overview shows it (张三, 张三等2人, or '' for nobody). */
  before: string;
  /** Who gets its households under the proposal; more than one when it is split. */
  after: Array<{ managerId: string; name: string; households: number }>;
  /** The branch head moved it by hand (an override). */
  overridden: boolean;
}

export interface ProposalView {
  /** The register version the proposal was worked out on: applying it is refused once the data changed. */
  basis: number;
  managers: ProposalManagerRow[];
  totals: LoadFigures;
  villages: ProposalVillageRow[];
  /** Villages whose households go to more than one manager. */
  splitVillages: number;
  /** Active loans whose manager would change. */
  loansToMove: number;
}

/** 客户经理姓名对照: a name the core exports use, and the staff member it stands for in imports. */
export interface ManagerNameMapping {
  id: string;
  /** The 客户经理 name as the export writes it. */
  name: string;
  staffId: string;
  staffName: string;
  staffActive: boolean;
  staffIsManager: boolean;
  /** Active loans the staff member manages now (their whole book, by whatever name they came). */
  staffLoans: number;
  /** For the stale-write check of remapName. */
  updatedAt: number;
}

export interface RemapNameOutcome {
  /** False when the name already pointed at that staff member. */
  changed: boolean;
  mapping: ManagerNameMapping;
}

const id = z.string().min(1).max(100);
const reason = limitedText(200).default('');
const managerIds = z
  .array(id)
  .min(1, '请至少选择一名客户经理')
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, '客户经理不能重复');
/** Whole villages the branch head moved to another of the picked managers after seeing the proposal. */
const overrides = z
  .array(z.object({ villageId: id.nullable(), managerId: id }).strict())
  .max(10_000)
  .default([]);

export const assignmentApi = {
  /** The live load table: each manager's book and the branch's totals. */
  'assignment.load': rpc<LoadTable>()(z.object({}).strict()),
  /** Moves villages', households' or loans' active loans to a manager, in one transaction: each ends its current assignment today and starts a new one. */
  'assignment.assign': rpc<AssignOutcome>()(
    z
      .object({
        managerId: id,
        scope: z.enum(['village', 'household', 'loan']),
        ids: z.array(id).min(1, '请至少选择一项').max(200_000),
        reason,
      })
      .strict(),
  ),
  /** A departing manager's whole book to one manager, or split evenly among several (households kept whole). */
  'assignment.takeover': rpc<TakeoverOutcome>()(
    z
      .object({ fromManagerId: id, toManagerIds: managerIds, reason })
      .strict()
      .refine((v) => !v.toManagerIds.includes(v.fromManagerId), { message: '接手的客户经理不能是移交人本人', path: ['toManagerIds'] }),
  ),
  /** Every assignment of a loan, or of all a household's loans, newest first per loan. */
  'assignment.history': rpc<AssignmentHistoryEntry[]>()(
    z
      .object({ loanId: id.optional(), borrowerId: id.optional() })
      .strict()
      .refine((v) => (v.loanId === undefined) !== (v.borrowerId === undefined), '请指定一笔贷款或一户'),
  ),
  /** A balanced split of the branch's active loans among the picked managers; changes nothing. */
  'assignment.propose': rpc<ProposalView>()(z.object({ managerIds, overrides }).strict()),
  /** Applies the proposal (with the same managers and overrides) in one transaction; refused if the data changed since `basis`. */
  'assignment.applyProposal': rpc<{ moved: number; proposal: ProposalView }>()(
    z.object({ managerIds, overrides, basis: z.number().int().min(0).optional(), reason }).strict(),
  ),
  /** Whether a later import may replace a loan's local assignment with the file's 客户经理 (default no). */
  'assignment.settings': rpc<{ importOverwritesAssignment: boolean }>()(z.object({}).strict()),
  /** Every 客户经理 name the imports met, and whom it stands for. */
  'assignment.nameMappings': rpc<ManagerNameMapping[]>()(z.object({}).strict()),
  /** Points an import name at another account manager for later imports; moves no loan. Refused if the mapping changed since it was read. */
  'assignment.remapName': rpc<RemapNameOutcome>()(z.object({ mappingId: id, staffId: id, updatedAt: z.number().int() }).strict()),
  'assignment.setSettings': rpc<{ importOverwritesAssignment: boolean }>()(z.object({ importOverwritesAssignment: z.boolean() }).strict()),
};
