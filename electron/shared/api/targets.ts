import { z } from 'zod';
import { rpc } from './contract';
import type { FileDownload, PrintOutcome } from './register';

/**
 * 按月公布业绩: per account manager per month, targets for three results and the month's ranking.
 * Results come from the imports (loan_snapshots, each recording the manager of its date) and the
 * contact log.
 */
export const MONTH_MESSAGE = '月份无效，应为 YYYY-MM';
export const month = z
  .string({ error: MONTH_MESSAGE })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, MONTH_MESSAGE)
  .refine((m) => m >= '2000-01' && m <= '2999-12', MONTH_MESSAGE);

/** What each result means: shown under the board and printed with it. */
export const BOARD_DEFINITIONS: readonly string[] = [
  '基准：本月1日之前最后一次导入的数据（本月之前无导入时，取本月第一次导入）；期末：本月最后一次导入的数据。',
  '收回逾期本金：基准时本金逾期的贷款，到期末余额的减少额（增加按 0 计；期间结清的按基准余额全额计），记入基准时的管户客户经理。',
  '清收逾期贷款笔数：基准时本金逾期的贷款中，期末已结清或本金逾期天数为 0 的笔数，记入基准时的管户客户经理。',
  '联系次数：本人本月登记的催收联系记录条数。',
  '完成率 = 实际 ÷ 目标（未设目标的项目显示“—”）；综合得分 = 已设目标各项完成率的平均数；按综合得分从高到低排名，得分相同（或均未设目标）按收回逾期本金从多到少。',
];

export interface TargetFigures {
  recoveredPrincipalFen: number;
  clearedLoans: number;
  contacts: number;
}

export interface BoardRow {
  rank: number;
  managerId: string;
  name: string;
  /** False for someone who has left (停用) or is no longer an account manager. */
  active: boolean;
  /** Null where no target is set (or it is 0). */
  targets: { recoveredPrincipalFen: number | null; clearedLoans: number | null; contacts: number | null };
  results: TargetFigures;
  /** result ÷ target, null without a target. */
  rates: { recoveredPrincipal: number | null; clearedLoans: number | null; contacts: number | null };
  /** Average of the rates that exist; null when no target is set. */
  score: number | null;
}

export interface RankingBoard {
  month: string;
  /** The import the month is measured from, and the month's last one; null when there is none. */
  baselineAsOf: string | null;
  endAsOf: string | null;
  /** No import dated in the month (本月尚无导入数据): recovered and cleared are 0. */
  noImport: boolean;
  rows: BoardRow[];
  totals: TargetFigures;
  /** Whether the caller may set targets (支行长, 管理员). */
  canSetTargets: boolean;
}

const fen = z.number({ error: '金额无效' }).int('金额应为整数分').min(0, '目标不能为负数').max(1e13, '金额过大');
const count = z.number({ error: '数量无效' }).int('应为整数').min(0, '目标不能为负数').max(1e7, '数量过大');

export const targetsApi = {
  /** Sets (or replaces) the month's targets of each manager given. */
  'targets.set': rpc<{ saved: number }>()(
    z
      .object({
        month,
        targets: z
          .array(z.object({ managerId: z.string().min(1).max(100), recoveredPrincipalFen: fen, clearedLoans: count, contacts: count }).strict())
          .min(1, '请至少填写一名客户经理的目标')
          .max(500)
          .refine((t) => new Set(t.map((x) => x.managerId)).size === t.length, '客户经理不能重复'),
      })
      .strict(),
  ),
  'targets.board': rpc<RankingBoard>()(z.object({ month }).strict()),
  /** The board as an A4 PDF, recorded in printed_documents (kind 'ranking-board') with its figures. */
  'targets.print': rpc<PrintOutcome>()(z.object({ month, deliver: z.enum(['file', 'preview']).default('file') }).strict()),
  'targets.exportXlsx': rpc<FileDownload>()(z.object({ month }).strict()),
};
