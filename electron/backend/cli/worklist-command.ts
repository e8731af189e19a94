import path from 'node:path';
import { OVERDUE_BUCKETS, WORKLIST_PAGE_MAX, WORKLISTS, type OverdueBucket, type Worklist, type WorklistQuery, type WorklistRow } from '../../shared/api/worklists';
import { formatYuan } from '../../shared/money';
import type { AppContext } from '../app-context';
import { findVillageByName } from '../register/village-register-query';
import { AppError } from '../rpc/app-error';
import { findStaffByName } from '../worklists/worklist-options';
import { callRpc, checkInput } from './call-rpc';
import { actingAs, AS_OPTION, CliUsageError, requireString, type CliCommand } from './command';
import { withApp } from './with-database';

/** The whole list, page by page through the dispatcher; its count and sums are the database's. */
async function wholeList(app: AppContext, as: string | null, query: WorklistQuery) {
  const rows: WorklistRow[] = [];
  for (;;) {
    const page = await callRpc(app, as, 'worklists.list', { query, offset: rows.length, limit: WORKLIST_PAGE_MAX });
    rows.push(...page.rows);
    if (page.rows.length < WORKLIST_PAGE_MAX || rows.length >= page.count) {
      // An import between two pages would mix two states of the register.
      if (rows.length !== page.count) throw new AppError('DATA_CHANGED', '读取清单期间台账数据发生了变化，请重新运行。', `worklist changed while paging: ${rows.length} rows of ${page.count}`);
      return { ...page, rows };
    }
  }
}

export const worklistCommand: CliCommand = {
  words: ['worklist'],
  summary: '工作清单：due-soon 到期提示（7 天内到期）、overdue 逾期（--bucket 按本金逾期天数分段）、handover 待移交风险资产部、litigation 诉讼准备（本金逾期 90 天以上且未登记法律措施）',
  usage: `worklist <${WORKLISTS.join('|')}> --db <数据库文件> [--as-of YYYY-MM-DD] [--manager <客户经理>] [--village <村名|乡镇/村名>] [--bucket ${OVERDUE_BUCKETS.join('|')}] [--as <用户名>] [--json]`,
  options: { db: { type: 'string' }, 'as-of': { type: 'string' }, manager: { type: 'string' }, village: { type: 'string' }, bucket: { type: 'string' }, ...AS_OPTION },
  positionals: 1,
  async run(values, positionals) {
    const list = positionals[0];
    if (list === undefined) throw new CliUsageError(`缺少清单名称：${WORKLISTS.join('、')}`);
    if (!(WORKLISTS as readonly string[]).includes(list)) throw new CliUsageError(`未知清单：${list}（应为 ${WORKLISTS.join('、')}）`);
    const bucket = typeof values.bucket === 'string' ? values.bucket : undefined;
    if (bucket !== undefined && list !== 'overdue') throw new CliUsageError('--bucket 只用于 overdue 清单');
    if (bucket !== undefined && !(OVERDUE_BUCKETS as readonly string[]).includes(bucket)) throw new CliUsageError(`--bucket 应为 ${OVERDUE_BUCKETS.join('、')} 之一：${bucket}`);
    const asOf = typeof values['as-of'] === 'string' ? values['as-of'] : undefined;
    const base: WorklistQuery = { list: list as Worklist, ...(bucket ? { bucket: bucket as OverdueBucket } : {}), ...(asOf !== undefined ? { asOf } : {}) };
    checkInput('worklists.list', { query: base }, { query: asOf !== undefined ? `--as-of ${asOf}` : list });
    const manager = typeof values.manager === 'string' ? values.manager.trim() : undefined;
    const village = typeof values.village === 'string' ? values.village.trim() : undefined;
    if (manager === '') throw new CliUsageError('--manager 后面应写客户经理的姓名');
    if (village === '') throw new CliUsageError('--village 后面应写村名');
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);

    const result = await withApp(dbPath, 'existing', async (app) => {
      // Names become ids here, as `export register` does; the list itself is the app's call.
      const query: WorklistQuery = {
        ...base,
        ...(manager !== undefined ? { managerId: (await findStaffByName(app.db, manager)).id } : {}),
        ...(village !== undefined ? { villageId: (await findVillageByName(app.db, village)).id } : {}),
      };
      return wholeList(app, as, query);
    });

    const json = {
      count: result.count,
      balanceFen: result.balanceFen,
      loans: result.rows.map((r) => ({ loanNo: r.loanNo, borrower: r.borrower, manager: r.manager, village: r.village, balanceFen: r.balanceFen, overdueDays: r.overdueDays })),
    };
    const window = list === 'due-soon' ? `到期日 ${result.dueFrom} 至 ${result.dueTo}，` : '';
    const lines = [
      `${window}共 ${result.count} 笔，余额 ${formatYuan(result.balanceFen)} 元（数据截至 ${result.dataAsOf ?? '无数据'}）。`,
      ...result.rows.map(
        (r) => `  ${r.loanNo}  ${r.borrower}  ${r.village ?? '（无村）'}  ${r.manager ?? '（未分配）'}  ${formatYuan(r.balanceFen)} 元${r.overdueDays > 0 ? `  逾期 ${r.overdueDays} 天` : r.maturityOn ? `  ${r.maturityOn} 到期` : ''}`,
      ),
    ];
    return { json, text: lines.join('\n') };
  },
};
