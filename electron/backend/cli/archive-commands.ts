import path from 'node:path';
import { ARCHIVE_STATUS_LABELS, ARCHIVE_STATUSES } from '../../shared/archive';
import { callRpc, checkInput } from './call-rpc';
import { archiveFileIds, loanNosOption } from './loans-option';
import { actingAs, AS_OPTION, CliUsageError, requireString, type CliCommand } from './command';
import { withApp } from './with-database';

/** `archive status --db <db> [--as-of <date>]`: files by status, and the overdue ones with their manager and deadline. */
export const archiveStatusCommand: CliCommand = {
  words: ['archive', 'status'],
  summary: '信贷档案：各状态的档案数，以及逾期未移交的档案',
  usage: 'archive status --db <数据库文件> [--as-of YYYY-MM-DD] [--json]',
  options: { db: { type: 'string' }, 'as-of': { type: 'string' }, ...AS_OPTION },
  async run(values) {
    const asOf = typeof values['as-of'] === 'string' ? values['as-of'].trim() : undefined;
    checkInput('archives.summary', { asOf }, { asOf: `--as-of ${asOf}` });
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const { summary, overdue } = await withApp(dbPath, 'existing', async (app) => ({
      summary: await callRpc(app, as, 'archives.summary', { asOf }),
      overdue: await callRpc(app, as, 'archives.overdue', { asOf }),
    }));
    const lines = ARCHIVE_STATUSES.map((s) => `${ARCHIVE_STATUS_LABELS[s]} ${summary.byStatus[s]}`).join('，');
    const late = overdue.slice(0, 20).map((f) => `  ${f.loanNo} ${f.borrower} ${f.manager ?? '未分配'} 期限 ${f.dueOn}`);
    return {
      json: { byStatus: summary.byStatus, overdue: overdue.map((f) => ({ loanNo: f.loanNo, manager: f.manager, dueOn: f.dueOn })) },
      text: [
        `截至 ${summary.asOf}：${lines}。`,
        overdue.length === 0 ? '没有逾期未移交的档案。' : `逾期未移交 ${overdue.length} 份：`,
        ...late,
        ...(overdue.length > 20 ? [`  …另有 ${overdue.length - 20} 份，用 --json 看全部`] : []),
      ].join('\n'),
    };
  },
};

/** `archive set --db <db> --loans <a,b> --complete --as <user>`: every required document present, then submitted for review. */
export const archiveSetCommand: CliCommand = {
  words: ['archive', 'set'],
  summary: '把所列贷款档案的必需资料全部登记为“有”，并提交审查',
  usage: 'archive set --db <数据库文件> --loans <借据号,借据号,…> --complete --as <用户名> [--json]',
  options: { db: { type: 'string' }, loans: { type: 'string' }, complete: { type: 'boolean' }, ...AS_OPTION },
  async run(values) {
    if (values.complete !== true) throw new CliUsageError('请加 --complete（把必需资料全部登记为“有”并提交审查）');
    const loanNos = loanNosOption(values);
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const outcome = await withApp(dbPath, 'existing', async (app) =>
      callRpc(app, as, 'archives.fillDocuments', { fileIds: await archiveFileIds(app, loanNos), docTypeIds: 'required', state: 'present', submit: true }),
    );
    return {
      json: { files: outcome.files, documents: outcome.cells, submitted: outcome.submitted },
      text: `已登记 ${outcome.files} 份档案的必需资料（${outcome.cells} 项），${outcome.submitted} 份已提交审查。`,
    };
  },
};

/** `archive review --db <db> --loans <a,b> --as <user> [--return --note <原因>]`: the four-eyes review. */
export const archiveReviewCommand: CliCommand = {
  words: ['archive', 'review'],
  summary: '审查所列贷款档案（四眼原则：经手过清单的人不能审查）；加 --return 则退回',
  usage: 'archive review --db <数据库文件> --loans <借据号,借据号,…> --as <用户名> [--return --note <退回原因>] [--note <审查意见>] [--json]',
  options: { db: { type: 'string' }, loans: { type: 'string' }, return: { type: 'boolean' }, note: { type: 'string' }, ...AS_OPTION },
  async run(values) {
    const loanNos = loanNosOption(values);
    const decision = values.return === true ? 'return' : 'approve';
    const note = typeof values.note === 'string' ? values.note : '';
    if (decision === 'return' && note.trim() === '') throw new CliUsageError('退回时请用 --note 写明原因');
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const outcome = await withApp(dbPath, 'existing', async (app) =>
      callRpc(app, as, 'archives.review', { fileIds: await archiveFileIds(app, loanNos), decision, note }),
    );
    return {
      json: { reviewed: outcome.reviewed, decision: outcome.decision, loans: loanNos },
      text: decision === 'approve' ? `已审查通过 ${outcome.reviewed} 份档案。` : `已退回 ${outcome.reviewed} 份档案：${note.trim()}`,
    };
  },
};
