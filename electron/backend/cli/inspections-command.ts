import path from 'node:path';
import { DUE_WINDOW_DAYS, TASK_KIND_LABELS, type DueTaskRow } from '../../shared/api/inspections';
import { AppError } from '../rpc/app-error';
import { findVillageByName } from '../register/village-register-query';
import { findStaffByName } from '../worklists/worklist-options';
import { callRpc, checkInput } from './call-rpc';
import { actingAs, AS_OPTION, CliUsageError, requireString, type CliCommand } from './command';
import { withApp } from './with-database';

const PAGE = 2000;

export const inspectionsDueCommand: CliCommand = {
  words: ['inspections', 'due'],
  summary: `贷后检查清单：到期日不晚于 --as-of 后 ${DUE_WINDOW_DAYS} 天的未完成检查（含已逾期的），按到期日、借据号排列`,
  usage: 'inspections due --db <数据库文件> [--as-of YYYY-MM-DD] [--manager <客户经理>] [--village <村名|乡镇/村名>] [--as <用户名>] [--json]',
  options: { db: { type: 'string' }, 'as-of': { type: 'string' }, manager: { type: 'string' }, village: { type: 'string' }, ...AS_OPTION },
  async run(values) {
    const asOf = typeof values['as-of'] === 'string' ? values['as-of'] : undefined;
    checkInput('inspections.due', { ...(asOf !== undefined ? { asOf } : {}) }, { asOf: `--as-of ${asOf}` });
    const manager = typeof values.manager === 'string' ? values.manager.trim() : undefined;
    const village = typeof values.village === 'string' ? values.village.trim() : undefined;
    if (manager === '') throw new CliUsageError('--manager 后面应写客户经理的姓名');
    if (village === '') throw new CliUsageError('--village 后面应写村名');
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);

    const result = await withApp(dbPath, 'existing', async (app) => {
      const filter = {
        ...(asOf !== undefined ? { asOf } : {}),
        ...(manager !== undefined ? { managerId: (await findStaffByName(app.db, manager)).id } : {}),
        ...(village !== undefined ? { villageId: (await findVillageByName(app.db, village)).id } : {}),
      };
      const rows: DueTaskRow[] = [];
      for (;;) {
        const page = await callRpc(app, as, 'inspections.due', { ...filter, offset: rows.length, limit: PAGE });
        rows.push(...page.rows);
        if (page.rows.length < PAGE || rows.length >= page.count) {
          if (rows.length !== page.count) throw new AppError('DATA_CHANGED', '读取清单期间台账数据发生了变化，请重新运行。', `inspections due changed while paging: ${rows.length} of ${page.count}`);
          return { ...page, rows };
        }
      }
    });

    const json = {
      count: result.count,
      inspections: result.rows.map((r) => ({ loanNo: r.loanNo, manager: r.manager, kind: r.kind, dueOn: r.dueOn })),
    };
    const lines = [
      `到期日不晚于 ${result.windowEnd} 的贷后检查共 ${result.count} 笔，其中逾期 ${result.overdueCount} 笔（截至 ${result.asOf}）。`,
      ...result.byManager.map((m) => `  ${m.manager ?? '（未分配）'}：${m.due} 笔，逾期 ${m.overdue} 笔`),
      ...result.rows.map((r) => `  ${r.dueOn}  ${r.loanNo}  ${r.borrower}  ${r.manager ?? '（未分配）'}  ${TASK_KIND_LABELS[r.kind]}${r.overdue ? '  已逾期' : ''}`),
    ];
    return { json, text: lines.join('\n') };
  },
};
