import path from 'node:path';
import type { ProposalView } from '../../shared/api/assignment';
import { formatYuan } from '../../shared/money';
import type { AppContext } from '../app-context';
import { AppError } from '../rpc/app-error';
import { callRpc } from './call-rpc';
import { actingAs, AS_OPTION, CliUsageError, requireString, type CliCommand, type CliOutput, type CliValues } from './command';
import { withApp } from './with-database';

const OPTIONS = { db: { type: 'string' }, managers: { type: 'string' }, ...AS_OPTION } as const;

function managerNames(values: CliValues): string[] {
  const names = requireString(values, 'managers')
    .split(/[,，]/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) throw new CliUsageError('--managers 后面应写客户经理的姓名，用逗号分隔');
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new CliUsageError(`--managers 中“${twice}”写了两次`);
  return names;
}

/** Names as in the register (staff display names) → ids of active account managers; an unknown or ambiguous name is an error. */
async function managerIds(app: AppContext, as: string | null, names: readonly string[]): Promise<string[]> {
  const { assignable } = await callRpc(app, as, 'assignment.load', {});
  return names.map((name) => {
    const found = assignable.filter((m) => m.name === name);
    if (found.length === 0) throw new AppError('UNKNOWN_MANAGER', `没有名为“${name}”的在岗客户经理。`, `--managers: no active manager named ${name}`);
    if (found.length > 1) throw new AppError('AMBIGUOUS_MANAGER', `有 ${found.length} 名在岗客户经理都叫“${name}”，无法区分。`, `--managers: ${found.length} managers named ${name}`);
    return found[0].id;
  });
}

/** What both commands print: each picked manager's book under the proposal, and how many villages it splits. */
function output(view: ProposalView, heading: string): CliOutput {
  const managers = view.managers
    .filter((m) => m.picked)
    .map((m) => ({ name: m.name, households: m.after.households, loans: m.after.loans, balanceFen: m.after.balanceFen, overdueBalanceFen: m.after.overdueBalanceFen, villages: m.after.villages }));
  const lines = [
    `${heading}拆分 ${view.splitVillages} 个村，${view.loansToMove} 笔贷款换客户经理。`,
    ...managers.map((m) => `  ${m.name}：${m.households} 户，${m.loans} 笔，余额 ${formatYuan(m.balanceFen)} 元，逾期 ${formatYuan(m.overdueBalanceFen)} 元，${m.villages} 个村`),
  ];
  return { json: { managers, splitVillages: view.splitVillages }, text: lines.join('\n') };
}

export const assignProposeCommand: CliCommand = {
  words: ['assign', 'propose'],
  summary: '在所列客户经理之间均衡分配全部在贷贷款的方案（只显示，不修改）',
  usage: 'assign propose --db <数据库文件> --managers <姓名,姓名,…> [--as <用户名>] [--json]',
  options: OPTIONS,
  async run(values) {
    const names = managerNames(values);
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const view = await withApp(dbPath, 'existing', async (app) => callRpc(app, as, 'assignment.propose', { managerIds: await managerIds(app, as, names) }));
    return output(view, '方案：');
  },
};

export const assignApplyCommand: CliCommand = {
  words: ['assign', 'apply'],
  summary: '按均衡分配方案在所列客户经理之间重新分配全部在贷贷款（一次完成）',
  usage: 'assign apply --db <数据库文件> --managers <姓名,姓名,…> [--as <用户名>] [--json]',
  options: OPTIONS,
  async run(values) {
    const names = managerNames(values);
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const { proposal } = await withApp(dbPath, 'existing', async (app) =>
      callRpc(app, as, 'assignment.applyProposal', { managerIds: await managerIds(app, as, names) }),
    );
    return output(proposal, '已分配：');
  },
};
