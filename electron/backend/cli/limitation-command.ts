import path from 'node:path';
import { INTERRUPTION_LABELS, LIMITATION_PAGE_MAX, LIMITATION_WITHIN_DAYS, type LimitationListQuery, type LimitationRow } from '../../shared/api/limitation';
import type { AppContext } from '../app-context';
import { AppError } from '../rpc/app-error';
import { callRpc, checkInput } from './call-rpc';
import { actingAs, AS_OPTION, optionalInt, requireString, type CliCommand } from './command';
import { withApp } from './with-database';

/** Every row of one list, page by page through the dispatcher. */
async function wholeList(app: AppContext, as: string | null, query: LimitationListQuery) {
  const rows: LimitationRow[] = [];
  for (;;) {
    const page = await callRpc(app, as, 'limitation.list', { ...query, offset: rows.length, limit: LIMITATION_PAGE_MAX });
    rows.push(...page.rows);
    if (page.rows.length < LIMITATION_PAGE_MAX || rows.length >= page.count) {
      if (rows.length !== page.count) throw new AppError('DATA_CHANGED', '读取清单期间数据发生了变化，请重新运行。', `limitation list changed while paging: ${rows.length} rows of ${page.count}`);
      return { asOf: page.asOf, rows };
    }
  }
}

const brief = (r: LimitationRow) => ({ loanNo: r.loanNo, expiresOn: r.expiresOn, lastInterruption: r.lastInterruption });

function line(r: LimitationRow): string {
  const since = r.lastInterruption
    ? `${r.lastInterruption.date} ${INTERRUPTION_LABELS[r.lastInterruption.kind]}（${r.lastInterruption.ref}）`
    : `${r.startOn} ${r.startKind === 'acceleration' ? '宣布提前到期' : '到期'}`;
  return `  ${r.loanNo}  ${r.borrowerName}  时效届满日 ${r.expiresOn}  起算：${since}`;
}

/** `limitation --db <db> --as-of <date> --within-days 180`: loans whose limitation (诉讼时效) ends soon or has ended. */
export const limitationCommand: CliCommand = {
  words: ['limitation'],
  summary: '列出诉讼时效即将届满（--within-days 天内，默认 180）和已经届满的贷款，及最近一次中断时效的证据',
  usage: 'limitation --db <数据库文件> [--as-of YYYY-MM-DD] [--within-days 180] [--as <用户名>] [--json]',
  options: { db: { type: 'string' }, 'as-of': { type: 'string' }, 'within-days': { type: 'string' }, ...AS_OPTION },
  async run(values) {
    const asOf = typeof values['as-of'] === 'string' ? values['as-of'] : undefined;
    const withinDays = optionalInt(values, 'within-days') ?? LIMITATION_WITHIN_DAYS;
    const base = { ...(asOf !== undefined ? { asOf } : {}), withinDays };
    checkInput('limitation.list', base, { asOf: `--as-of ${asOf ?? ''}`, withinDays: `--within-days ${withinDays}` });
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const { expiring, expired } = await withApp(dbPath, 'existing', async (app) => ({
      expiring: await wholeList(app, as, { ...base, show: 'expiring', offset: 0, limit: LIMITATION_PAGE_MAX }),
      expired: await wholeList(app, as, { ...base, show: 'expired', offset: 0, limit: LIMITATION_PAGE_MAX }),
    }));
    const text = [
      `截至 ${expiring.asOf}：${withinDays} 天内届满 ${expiring.rows.length} 笔，已届满 ${expired.rows.length} 笔。`,
      ...(expiring.rows.length > 0 ? ['即将届满：', ...expiring.rows.map(line)] : []),
      ...(expired.rows.length > 0 ? ['已届满：', ...expired.rows.map(line)] : []),
    ];
    return { json: { expiring: expiring.rows.map(brief), expired: expired.rows.map(brief) }, text: text.join('\n') };
  },
};
