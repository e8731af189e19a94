import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RECEIPT_MAX_CHARS } from '../../shared/api/archive-handover';
import { AppError } from '../rpc/app-error';
import { archiveFileIds, loanNosOption } from './loans-option';
import { callRpc, checkInput } from './call-rpc';
import { fileProblem } from './cli-errors';
import { actingAs, AS_OPTION, CliUsageError, requireString, type CliCommand, type CliValues } from './command';
import { withApp } from './with-database';

const optional = (values: CliValues, name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : undefined);

/** --out: refused before anything is written when it is a folder, its folder is missing, or it exists without --force. */
async function checkOut(out: string, force: boolean): Promise<void> {
  const existing = await stat(out).catch(() => null);
  if (existing?.isDirectory()) throw new AppError('OUT_IS_FOLDER', `--out 指向的是一个文件夹，请写出移交清单文件名：${out}`, `${out} is a directory`);
  if (existing && !force) throw new AppError('OUT_EXISTS', `文件已存在：${out}。要覆盖它请加 --force。`, `archive handover: ${out} exists`);
  const dir = path.dirname(out);
  if (!(await stat(dir).catch(() => null))?.isDirectory()) throw new AppError('OUT_FOLDER_NOT_FOUND', `--out 所在的文件夹不存在：${dir}`, `no folder ${dir}`);
}

/**
 * `archive handover --db <db> --loans <借据号,…> --out <manifest.json> --as <user>`: the reviewed
 * files of those loans to head office in one numbered batch, as 移交总行 does; the manifest for
 * head office is written to --out.
 */
export const archiveHandoverCommand: CliCommand = {
  words: ['archive', 'handover'],
  summary: '把所列贷款的已审查档案移交总行档案室（一个编号批次），并写出交总行的移交清单文件',
  usage: 'archive handover --db <数据库文件> --loans <借据号,借据号,…> --out <清单文件.json> [--force] [--date YYYY-MM-DD] --as <用户名> [--json]',
  options: { db: { type: 'string' }, loans: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, date: { type: 'string' }, ...AS_OPTION },
  async run(values) {
    const loanNos = loanNosOption(values);
    const handedOn = optional(values, 'date');
    checkInput('archiveBatches.create', { fileIds: loanNos, ...(handedOn ? { handedOn } : {}) }, { fileIds: '--loans', handedOn: `--date ${handedOn}` });
    const out = path.resolve(requireString(values, 'out'));
    const dbPath = path.resolve(requireString(values, 'db'));
    if (out === dbPath) throw new CliUsageError('--out 不能与数据库是同一个文件');
    await checkOut(out, values.force === true);
    const as = actingAs(values);

    const { outcome, manifest } = await withApp(dbPath, 'existing', async (app) => {
      const fileIds = await archiveFileIds(app, loanNos);
      const made = await callRpc(app, as, 'archiveBatches.create', { fileIds, ...(handedOn ? { handedOn } : {}) });
      const download = await callRpc(app, as, 'archiveBatches.manifest', { batchId: made.batchId });
      return { outcome: made, manifest: Buffer.from(download.contentBase64, 'base64') };
    });
    await writeFile(out, manifest).catch((err: unknown) => {
      const problem = fileProblem(err, out);
      // The batch is made: say so, and where its manifest can be had again.
      throw new AppError(
        problem?.code ?? 'WRITE_FAILED',
        `批次 ${outcome.batchNo} 已移交，但移交清单文件写入失败：${problem?.userMessage ?? out}。可在程序的“档案移交”中重新下载清单。`,
        `archive handover: writing ${out} failed`,
      );
    });
    return {
      json: { batch: outcome.batchNo, files: outcome.files, sha256: outcome.sha256 },
      text: `已移交 ${outcome.files} 份档案（文件 ${outcome.documents} 份，${outcome.pages} 页），批次编号 ${outcome.batchNo}，移交清单：${out}（SHA-256 ${outcome.sha256}）`,
    };
  },
};

/** `archive receipt <receipt.json> --db <db> --as <user>`: head office's receipt of a batch, applied whole or refused. */
export const archiveReceiptCommand: CliCommand = {
  words: ['archive', 'receipt'],
  summary: '登记总行档案室的签收回执（逐份签收或有差异），回执与所发清单不符时不予登记',
  usage: 'archive receipt <回执文件.json> --db <数据库文件> --as <用户名> [--json]',
  options: { db: { type: 'string' }, ...AS_OPTION },
  positionals: 1,
  async run(values, positionals) {
    const file = positionals[0];
    if (!file) throw new CliUsageError('缺少回执文件');
    const receiptPath = path.resolve(file);
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const found = await stat(receiptPath).catch((err: unknown) => {
      throw fileProblem(err, receiptPath) ?? err;
    });
    if (found.isDirectory()) throw new AppError('RECEIPT_IS_FOLDER', `回执文件路径指向的是一个文件夹：${receiptPath}`, `${receiptPath} is a directory`);
    // UTF-8 characters are at most four bytes: a file four times the limit cannot be within it.
    if (found.size > RECEIPT_MAX_CHARS * 4) throw new AppError('RECEIPT_TOO_LARGE', `回执文件过大：${receiptPath}`, `${receiptPath} is ${found.size} bytes`);
    const text = await readFile(receiptPath, 'utf8').catch((err: unknown) => {
      throw fileProblem(err, receiptPath) ?? err;
    });
    const outcome = await withApp(dbPath, 'existing', (app) => callRpc(app, as, 'archiveBatches.applyReceipt', { text }));
    return {
      json: { received: outcome.received, discrepancies: outcome.discrepancies },
      text: `已登记批次 ${outcome.batchNo} 的签收回执：${outcome.received} 份已签收，${outcome.discrepancies} 份有差异（已退回支行整改）。`,
    };
  },
};
