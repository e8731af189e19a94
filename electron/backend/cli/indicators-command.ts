import path from 'node:path';
import type { IndicatorMonth, Ratio } from '../../shared/api/indicators';
import { formatYuan } from '../../shared/money';
import { findStaffByName } from '../worklists/worklist-options';
import { callRpc, checkInput } from './call-rpc';
import { actingAs, AS_OPTION, CliUsageError, requireString, type CliCommand } from './command';
import { withApp } from './with-database';
import { indicatorPercent, indicatorPointChange } from '../../shared/indicator-percent';

const bare = (r: Ratio): Ratio => ({ numerator: r.numerator, denominator: r.denominator, value: r.value });

/** The acceptance checks' shape: each ratio as {numerator, denominator, value}, lost customers, missing snapshots. */
function jsonOf(m: IndicatorMonth) {
  const figure = (key: string) => bare(m.indicators.find((i) => i.key === key)!.figure);
  return {
    asOf: m.asOf,
    inspectionCompletion: figure('inspectionCompletion'),
    maturedPrincipalRecovery: figure('maturedPrincipalRecovery'),
    interestSettlement21: figure('interestSettlement21'),
    interestSettlementMonthEnd: figure('interestSettlementMonthEnd'),
    overdueUnder90Share: figure('overdueUnder90Share'),
    nplRatio: figure('nplRatio'),
    spotCheckPass: figure('spotCheckPass'),
    lostCustomers: { count: m.lostCustomers.count, balanceFen: m.lostCustomers.balanceFen },
    missingSnapshots: m.missingSnapshots,
  };
}

function line(m: IndicatorMonth, i: IndicatorMonth['indicators'][number]): string {
  const f = i.figure;
  const amount = (n: number) => (i.unit === 'fen' ? `${formatYuan(n)} 元` : String(n));
  const value = indicatorPercent(i.key, f.value);
  const extra =
    i.key === 'lostCustomers'
      ? `（年初余额 ${formatYuan(m.lostCustomers.balanceFen)} 元）`
      : i.sinceYearStart?.change != null
        ? `（较年初 ${indicatorPointChange(i.key, i.sinceYearStart.change)}）`
        : '';
  return `  ${i.name}：${value}  ${amount(f.numerator)} / ${amount(f.denominator)}${extra}${i.note ? `  ${i.note}` : ''}`;
}

/** `indicators --db <db> --month YYYY-MM [--manager <name>]`: the month's indicators for the branch or one manager. */
export const indicatorsCommand: CliCommand = {
  words: ['indicators'],
  summary: '本月考核指标：贷后完成率、到期本金收回率、21日结息率、月末结息率、正常关注类逾期90天以内贷款占比、不良率、流失客户、抽查达标率（--manager 按客户经理）',
  usage: 'indicators --db <数据库文件> --month <YYYY-MM> [--manager <客户经理>] [--as <用户名>] [--json]',
  options: { db: { type: 'string' }, month: { type: 'string' }, manager: { type: 'string' }, ...AS_OPTION },
  async run(values) {
    const month = requireString(values, 'month').trim();
    checkInput('indicators.month', { month }, { month: `--month ${month}` });
    const manager = typeof values.manager === 'string' ? values.manager.trim() : undefined;
    if (manager === '') throw new CliUsageError('--manager 后面应写客户经理的姓名');
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const result = await withApp(dbPath, 'existing', async (app) => {
      const managerId = manager === undefined ? undefined : (await findStaffByName(app.db, manager)).id;
      return callRpc(app, as, 'indicators.month', { month, ...(managerId !== undefined ? { managerId } : {}) });
    });
    const text = [
      `${month}${manager !== undefined ? ` ${manager}` : ' 全支行'}考核指标（数据截至 ${result.asOf ?? '本月无导入'}）：`,
      ...result.indicators.map((i) => line(result, i)),
      ...(result.missingSnapshots.length > 0 ? [`缺少以下日期的导入：${result.missingSnapshots.join('、')}`] : []),
    ];
    return { json: jsonOf(result), text: text.join('\n') };
  },
};
