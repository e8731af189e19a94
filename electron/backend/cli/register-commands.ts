import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatYuan } from '../../shared/money';
import { findVillageByName } from '../register/village-register-query';
import { AppError } from '../rpc/app-error';
import { callRpc } from './call-rpc';
import { fileProblem } from './cli-errors';
import { actingAs, AS_OPTION, requireString, type CliCommand } from './command';
import { withApp } from './with-database';

/** Refused before the export is made and logged: a folder, or a file in a folder that is not there. */
async function checkOutPath(out: string): Promise<void> {
  if ((await stat(out).catch(() => null))?.isDirectory()) {
    throw new AppError('OUT_IS_FOLDER', `--out 指向的是一个文件夹，请写出要导出的文件名：${out}`, `${out} is a directory`);
  }
  const dir = path.dirname(out);
  if (!(await stat(dir).catch(() => null))?.isDirectory()) throw new AppError('OUT_FOLDER_NOT_FOUND', `--out 所在的文件夹不存在：${dir}`, `no folder ${dir}`);
}

export const portfolioCommand: CliCommand = {
  words: ['report', 'portfolio'],
  summary: '在贷贷款汇总，按村列出',
  usage: 'report portfolio --db <数据库文件> [--as <用户名>] [--json]',
  options: { db: { type: 'string' }, ...AS_OPTION },
  async run(values) {
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const report = await withApp(dbPath, 'existing', (app) => callRpc(app, as, 'reports.portfolio', {}));
    const lines = [
      `贷款 ${report.loans} 笔，借款人 ${report.borrowers} 户，余额 ${formatYuan(report.balanceFen)} 元，逾期 ${report.overdueLoans} 笔。`,
      ...report.villages.map((v) => `  ${v.township}${v.village}：${v.loans} 笔，${formatYuan(v.balanceFen)} 元`),
    ];
    return { json: report, text: lines.join('\n') };
  },
};

export const exportRegisterCommand: CliCommand = {
  words: ['export', 'register'],
  summary: '把一个村的贷款清册导出为 .xlsx（身份证号打码；--full-ids 须以支行长或管理员身份 --as）',
  usage: 'export register --db <数据库文件> --village <村名|乡镇/村名> --out <文件.xlsx> [--full-ids] [--as <用户名>] [--json]',
  options: { db: { type: 'string' }, village: { type: 'string' }, out: { type: 'string' }, 'full-ids': { type: 'boolean' }, ...AS_OPTION },
  async run(values) {
    const dbPath = path.resolve(requireString(values, 'db'));
    const out = path.resolve(requireString(values, 'out'));
    const village = requireString(values, 'village');
    const as = actingAs(values);
    await checkOutPath(out);
    const { found, file } = await withApp(dbPath, 'existing', async (app) => {
      // The name is turned into the view's village id here; the export itself is the app's call.
      const found = await findVillageByName(app.db, village);
      const file = await callRpc(app, as, 'register.exportXlsx', { villageId: found.id, maskIds: values['full-ids'] !== true });
      return { found, file };
    });
    await writeFile(out, Buffer.from(file.contentBase64, 'base64')).catch((err: unknown) => {
      throw fileProblem(err, out) ?? err;
    });
    return {
      json: { out, households: file.households, loans: file.loans },
      text: `已导出 ${found.township}${found.name}：${file.households} 户，${file.loans} 笔 → ${out}`,
    };
  },
};
