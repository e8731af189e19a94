import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AsOfWarning } from '../../shared/api/imports';
import { AppError } from '../rpc/app-error';
import { chooseAsOf } from '../import/choose-as-of';
import { callRpc, checkInput } from './call-rpc';
import { fileProblem } from './cli-errors';
import { actingAs, AS_OPTION, CliUsageError, requireString, type CliCommand } from './command';
import { withApp } from './with-database';

/**
 * The app's import, unattended. Into an empty register, imports.load writes the file while it is
 * read. Otherwise imports.preview reads the file, imports.replan when the CLI takes another as-of
 * date than the preview did, imports.commit writes it. The confirmations
 * the app asks for in dialogs are options here (--confirm-as-of, --confirm-settle).
 */
export const importCommand: CliCommand = {
  words: ['import'],
  summary: '直接导入核心系统导出文件（.xlsx、.xls、.csv），不经预览',
  usage: 'import <文件> --db <数据库文件> [--as-of YYYY-MM-DD] [--confirm-as-of] [--partial] [--confirm-settle] [--as <用户名>] [--json]',
  options: {
    db: { type: 'string' },
    'as-of': { type: 'string' },
    'confirm-as-of': { type: 'boolean' },
    partial: { type: 'boolean' },
    'confirm-settle': { type: 'boolean' },
    ...AS_OPTION,
  },
  positionals: 1,
  async run(values, positionals) {
    const file = positionals[0];
    if (!file) throw new CliUsageError('缺少要导入的文件');
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const asOfArg = typeof values['as-of'] === 'string' ? values['as-of'] : undefined;
    const fullExport = values.partial !== true;
    // Checked by the contract's schema (the date replan and commit take) before anything is read, opened or created.
    if (asOfArg !== undefined) checkInput('imports.replan', { previewId: '-', asOf: asOfArg, fullExport }, { asOf: `--as-of ${asOfArg}` });
    const filePath = path.resolve(file);
    const upload = { fileName: path.basename(filePath), contentBase64: await readBase64(filePath), fullExport };
    checkInput('imports.preview', upload, { contentBase64: filePath, fileName: filePath });

    const unknownLayout = () =>
      new AppError('UNKNOWN_LAYOUT', `无法识别此文件的表头：${filePath}。请先在程序中导入一次并设置列对应关系，之后命令行即可使用。`, 'header row not recognised');
    const result = await withApp(dbPath, 'create', async (app) => {
      // A first import is written while it is read; a register with loans goes by the preview's plan.
      const loaded = await callRpc(app, as, 'imports.load', { ...upload, asOf: asOfArg, confirmAsOf: values['confirm-as-of'] === true }).catch((err: unknown) => {
        throw withOptionToConfirm(err);
      });
      if (loaded.kind === 'needs-mapping') throw unknownLayout();
      if (loaded.kind === 'imported') return { ...loaded.counts, notice: loaded.notice };
      const preview = await callRpc(app, as, 'imports.preview', upload);
      if (preview.kind === 'needs-mapping') throw unknownLayout();
      const chosen = chooseAsOf(preview.fileAsOf, asOfArg);
      if (chosen.asOf !== preview.asOf) await callRpc(app, as, 'imports.replan', { previewId: preview.previewId, asOf: chosen.asOf, fullExport });
      const counts = await callRpc(app, as, 'imports.commit', {
        previewId: preview.previewId,
        asOf: chosen.asOf,
        fullExport,
        confirmAsOf: values['confirm-as-of'] === true,
        confirmSettle: values['confirm-settle'] === true,
      }).catch((err: unknown) => {
        throw withOptionToConfirm(err);
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
      settled: result.settled,
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
      result.settled > 0 ? `注意：${result.settled} 笔在贷贷款不在此文件中，已按完整导出标记为结清。只导出了部分贷款时请加 --partial。` : null,
    ];
    return { json, text: lines.join('\n'), notices: notices.filter((n): n is string => n !== null) };
  },
};

/** The file as the calls take it: its bytes are not kept beside their base64 (a county's file: 27 MB) while the import runs. */
async function readBase64(filePath: string): Promise<string> {
  const bytes = await readFile(filePath).catch((err: unknown) => {
    throw fileProblem(err, filePath) ?? err;
  });
  return bytes.toString('base64');
}

/** The app's confirmations, said as the option that gives them. */
function withOptionToConfirm(err: unknown): unknown {
  if (!(err instanceof AppError)) return err;
  if (err.code === 'CONFIRM_AS_OF') {
    const { asOfWarning } = err.details as { asOfWarning: AsOfWarning };
    return new AppError(err.code, `${asOfWarning.message}确认无误时请加 --confirm-as-of。`, err.message, err.details);
  }
  if (err.code === 'CONFIRM_SETTLE') {
    const { settled, share } = err.details as { settled: number; share: number };
    return new AppError(
      err.code,
      `此文件将使 ${settled} 笔在贷贷款（约占 ${Math.round(share * 100)}%）因不在文件中而标记为结清，未导入。确认这是核心系统的完整导出时请加 --confirm-settle；只导出了部分贷款时请加 --partial。`,
      err.message,
      err.details,
    );
  }
  return err;
}
