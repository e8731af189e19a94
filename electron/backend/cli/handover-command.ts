import path from 'node:path';
import { formatYuan } from '../../shared/money';
import { AppError } from '../rpc/app-error';
import { loanNosOption } from './loans-option';
import { callRpc } from './call-rpc';
import { actingAs, AS_OPTION, requireString, type CliCommand } from './command';
import { withApp } from './with-database';

/**
 * `handover --db <db> --loans <借据号,…>`: hands the loans over to the risk-asset unit in one
 * numbered batch, as 移交所选贷款 does (支行长 or 管理员 with --as; the system actor without).
 */
export const handoverCommand: CliCommand = {
  words: ['handover'],
  summary: '把所列贷款移交风险资产部（一个编号批次），并给出批次编号和合计',
  usage: 'handover --db <数据库文件> --loans <借据号,借据号,…> [--date YYYY-MM-DD] [--receiver <接收人>] [--note <备注>] [--as <用户名>] [--json]',
  options: { db: { type: 'string' }, loans: { type: 'string' }, date: { type: 'string' }, receiver: { type: 'string' }, note: { type: 'string' }, ...AS_OPTION },
  async run(values) {
    const loanNos = loanNosOption(values);
    const optional = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const outcome = await withApp(dbPath, 'existing', async (app) => {
      const rows = await app.db.selectFrom('loans').select(['id', 'loan_no']).where('loan_no', 'in', loanNos).execute();
      const missing = loanNos.filter((no) => !rows.some((r) => r.loan_no === no));
      if (missing.length > 0) throw new AppError('NOT_FOUND', `找不到借据号：${missing.join('、')}`, `handover: unknown loan numbers ${missing.join(', ')}`);
      const byNo = new Map(rows.map((r) => [r.loan_no, r.id]));
      return callRpc(app, as, 'handover.handOver', {
        loanIds: loanNos.map((no) => byNo.get(no)!),
        ...(optional('date') ? { handedOn: optional('date') } : {}),
        receiver: optional('receiver') ?? '',
        note: optional('note') ?? '',
      });
    });
    return {
      json: outcome,
      text: `已移交 ${outcome.loans} 笔，批次编号 ${outcome.batchNo}，移交日期 ${outcome.handedOn}，余额 ${formatYuan(outcome.balanceFen)} 元，欠息 ${formatYuan(outcome.interestOwedFen)} 元。`,
    };
  },
};
