import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatYuan } from '../../shared/money';
import { todayLocal } from '../../shared/dates';
import { BUSINESS_DATE_MESSAGE, isBusinessDateInput } from '../../shared/api/business-date';
import type { AsOfWarning } from '../../shared/api/imports';
import { commitImport } from '../import/run-import';
import { parseImportFile } from '../import/parse/parse-import-file';
import { loadProfiles } from '../import/profiles';
import { logExport } from '../register/export-log';
import { findVillageByName, villageRegisterData } from '../register/village-register-query';
import { villageRegisterWorkbook } from '../register/village-register-workbook';
import { portfolioReport } from '../reports/portfolio';
import { AppError } from '../rpc/app-error';
import { CliUsageError, requireString, type CliCommand } from './command';
import { systemWriter, withDatabase } from './with-database';

export const importCommand: CliCommand = {
  words: ['import'],
  summary: 'import a core-system export (.xlsx, .xls, .csv) directly, without preview',
  usage: 'import <file> --db <file> [--as-of YYYY-MM-DD] [--confirm-as-of] [--partial] [--json]',
  options: { db: { type: 'string' }, 'as-of': { type: 'string' }, 'confirm-as-of': { type: 'boolean' }, partial: { type: 'boolean' } },
  async run(values, positionals) {
    const file = positionals[0];
    if (!file) throw new CliUsageError('missing the file to import');
    const asOfArg = values['as-of'];
    if (asOfArg !== undefined && !isBusinessDateInput(asOfArg)) throw new CliUsageError(`--as-of ${String(asOfArg)}：${BUSINESS_DATE_MESSAGE}`);
    const dbPath = path.resolve(requireString(values, 'db'));
    const bytes = await readFile(path.resolve(file)).catch(() => {
      throw new AppError('FILE_NOT_FOUND', `无法读取文件：${file}`, `cannot read ${file}`);
    });

    const result = await withDatabase(dbPath, async (app) => {
      const outcome = await parseImportFile(bytes, path.basename(file), { profiles: await loadProfiles(app.db) });
      if (outcome.kind === 'needs-mapping') {
        throw new AppError('UNKNOWN_LAYOUT', '无法识别此文件的表头。请先在程序中导入一次并设置列对应关系，之后命令行即可使用。', 'header row not recognised');
      }
      const chosen = chooseAsOf(outcome.file.asOf, asOfArg as string | undefined);
      const opts = { asOf: chosen.asOf, fullExport: values.partial !== true, confirmAsOf: values['confirm-as-of'] === true };
      const counts = await commitImport(systemWriter(app), app.db, outcome.file, opts).catch((err: unknown) => {
        if (!(err instanceof AppError && err.code === 'CONFIRM_AS_OF')) throw err;
        const { asOfWarning } = err.details as { asOfWarning: AsOfWarning };
        throw new AppError(err.code, `${asOfWarning.message}确认无误时请加 --confirm-as-of。`, err.message);
      });
      return { ...counts, notice: chosen.notice };
    });

    const json = {
      rowsRead: result.rowsRead,
      accepted: result.accepted,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      duplicates: result.duplicates,
      rejected: result.rejected.map(({ row, reason }) => ({ row, reason })),
      warnings: result.warnings.map(({ row, field, message }) => ({ row, field, message })),
    };
    const lines = [
      `读取 ${result.rowsRead} 行，接受 ${result.accepted} 笔贷款：新增 ${result.inserted}，更新 ${result.updated}，未变 ${result.unchanged}，重复行 ${result.duplicates}，结清 ${result.settled}。`,
      ...result.rejected.map((r) => `  拒绝 第 ${r.row} 行：${r.reason}`),
      ...result.warnings.map((w) => `  提示 第 ${w.row} 行：${w.message}`),
    ];
    const notices = [
      result.notice,
      result.newerRegisterAsOf ? `注意：台账中已有 ${result.newerRegisterAsOf} 的数据，此文件日期较早，只补充了历史快照。` : null,
      // The JSON's fields are fixed by the contract; a full export's settlements are said here.
      result.settled > 0 ? `注意：${result.settled} 笔在贷贷款不在此文件中，已按完整导出标记为结清。只导出了部分贷款时请加 --partial。` : null,
    ];
    return { json, text: lines.join('\n'), notices: notices.filter((n): n is string => n !== null) };
  },
};

/** The file's own as-of date (its meta row) comes first, then --as-of, then today — each said aloud when it matters. */
function chooseAsOf(fromFile: string | null, fromArg: string | undefined): { asOf: string; notice: string | null } {
  const today = todayLocal();
  if (fromFile !== null && fromFile > today) {
    const refused = `文件注明的数据日期 ${fromFile} 晚于今天（${today}），未采用`;
    if (fromArg === undefined) throw new AppError('AS_OF_IN_FUTURE', `${refused}。请用 --as-of 指定数据日期。`, `file as-of ${fromFile} is after today`);
    return { asOf: fromArg, notice: `注意：${refused}，已按 --as-of ${fromArg} 导入。` };
  }
  if (fromFile !== null) {
    const ignored = fromArg !== undefined && fromArg !== fromFile;
    return { asOf: fromFile, notice: ignored ? `注意：文件注明数据日期 ${fromFile}，已按此日期导入，未采用 --as-of ${fromArg}。` : null };
  }
  if (fromArg !== undefined) return { asOf: fromArg, notice: null };
  return { asOf: today, notice: `注意：文件未注明数据日期，已按今天 ${today} 导入；可用 --as-of 指定。` };
}

export const portfolioCommand: CliCommand = {
  words: ['report', 'portfolio'],
  summary: 'figures over active loans, per village',
  usage: 'report portfolio --db <file> [--json]',
  options: { db: { type: 'string' } },
  async run(values) {
    const report = await withDatabase(path.resolve(requireString(values, 'db')), (app) => portfolioReport(app.db));
    const lines = [
      `贷款 ${report.loans} 笔，借款人 ${report.borrowers} 户，余额 ${formatYuan(report.balanceFen)} 元，逾期 ${report.overdueLoans} 笔。`,
      ...report.villages.map((v) => `  ${v.township}${v.village}：${v.loans} 笔，${formatYuan(v.balanceFen)} 元`),
    ];
    return { json: report, text: lines.join('\n') };
  },
};

export const exportRegisterCommand: CliCommand = {
  words: ['export', 'register'],
  summary: "write a village's register to .xlsx (IDs masked unless --full-ids)",
  usage: 'export register --db <file> --village <name|乡镇/村> --out <file.xlsx> [--full-ids] [--json]',
  options: { db: { type: 'string' }, village: { type: 'string' }, out: { type: 'string' }, 'full-ids': { type: 'boolean' } },
  async run(values) {
    const out = path.resolve(requireString(values, 'out'));
    const village = requireString(values, 'village');
    const maskIds = values['full-ids'] !== true;
    const data = await withDatabase(path.resolve(requireString(values, 'db')), async (app) => {
      const found = await findVillageByName(app.db, village);
      const register = await villageRegisterData(app.db, found.id, maskIds);
      await logExport(systemWriter(app), { kind: 'register-xlsx', scope: `${found.township}${found.name}`, idsMasked: maskIds, rows: register.totals.loans });
      return register;
    });
    await writeFile(out, villageRegisterWorkbook(data));
    return {
      json: { out, households: data.totals.households, loans: data.totals.loans },
      text: `已导出 ${data.township}${data.village}：${data.totals.households} 户，${data.totals.loans} 笔 → ${out}`,
    };
  },
};
