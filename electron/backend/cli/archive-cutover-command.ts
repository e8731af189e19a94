import path from 'node:path';
import { callRpc, checkInput } from './call-rpc';
import { actingAs, AS_OPTION, requireString, type CliCommand } from './command';
import { withApp } from './with-database';

/**
 * `archive cutover --db <db> --before <date> --as <user>`: sets the archive cut-over date, as
 * the settings page does: files of loans disbursed before it still being collected become
 * received (支行长 or 管理员).
 */
export const archiveCutoverCommand: CliCommand = {
  words: ['archive', 'cutover'],
  summary: '设置信贷档案切换日期：此前放款、仍在收集中的档案视为已签收（存量档案）',
  usage: 'archive cutover --db <数据库文件> --before YYYY-MM-DD --as <用户名> [--json]',
  options: { db: { type: 'string' }, before: { type: 'string' }, ...AS_OPTION },
  async run(values) {
    const before = requireString(values, 'before').trim();
    checkInput('archiveSettings.setCutover', { before }, { before: `--before ${before}` });
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const outcome = await withApp(dbPath, 'existing', (app) => callRpc(app, as, 'archiveSettings.setCutover', { before }));
    return {
      json: outcome,
      text: `档案切换日期已设为 ${outcome.cutoverDate}，${outcome.filesReceived} 份存量档案视为已签收。`,
    };
  },
};
