import { stat } from 'node:fs/promises';
import path from 'node:path';
import { backupDatabase } from '../db/backup';
import { migrateToLatest } from '../db/migrator';
import { AppError } from '../rpc/app-error';
import { callRpc, checkInput } from './call-rpc';
import { fileProblem } from './cli-errors';
import { actingAs, AS_OPTION, optionalInt, requireString, type CliCommand } from './command';
import { withApp, withDatabaseFile } from './with-database';

// migrate and backup work on the file itself, not through the dispatcher: they are not app operations.

export const migrateCommand: CliCommand = {
  words: ['migrate'],
  summary: '创建或升级数据库（升级前自动备份）',
  usage: 'migrate --db <数据库文件> [--json]',
  options: { db: { type: 'string' } },
  async run(values) {
    const dbPath = path.resolve(requireString(values, 'db'));
    const outcome = await withDatabaseFile(dbPath, 'create', (db) => migrateToLatest(db, dbPath));
    const text =
      outcome.applied.length === 0
        ? '数据库已是最新版本。'
        : `已升级数据库：${outcome.applied.join(', ')}${outcome.backupPath ? `\n升级前备份：${outcome.backupPath}` : ''}`;
    return { json: outcome, text };
  },
};

export const backupCommand: CliCommand = {
  words: ['backup'],
  summary: '备份数据库（程序正在使用时也可以）；目标文件已存在时须加 --force 才覆盖',
  usage: 'backup --db <数据库文件> --out <备份文件> [--force] [--json]',
  options: { db: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  async run(values) {
    const dbPath = path.resolve(requireString(values, 'db'));
    const out = path.resolve(requireString(values, 'out'));
    const replace = values.force === true;
    if (out === dbPath) throw new AppError('BACKUP_SAME_FILE', `备份文件不能与数据库是同一个文件：${out}`, 'backup target is the database');
    const existing = await stat(out).catch(() => null);
    if (existing?.isDirectory()) throw new AppError('BACKUP_IS_FOLDER', `--out 指向的是一个文件夹，请写出备份文件名：${out}`, `${out} is a directory`);
    if (existing && !replace) throw new AppError('BACKUP_EXISTS', `备份文件已存在：${out}。要覆盖它请加 --force。`, `backup target ${out} exists`);
    await withDatabaseFile(dbPath, 'existing', (db) =>
      backupDatabase(db, out, { replace }).catch((err: unknown) => {
        throw fileProblem(err, out) ?? err;
      }),
    );
    return { json: { backup: out }, text: `备份已写入：${out}` };
  },
};

export const demoDataCommand: CliCommand = {
  words: ['demo-data'],
  summary: '在空数据库中生成一个演示支行（须管理员或“系统”身份）',
  usage: 'demo-data --db <数据库文件> [--loans N] [--seed N] [--as <用户名>] [--json]',
  options: { db: { type: 'string' }, loans: { type: 'string' }, seed: { type: 'string' }, ...AS_OPTION },
  async run(values) {
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const input = { loans: optionalInt(values, 'loans'), seed: optionalInt(values, 'seed') };
    checkInput('demo.generate', input, { loans: `--loans ${String(values.loans)}`, seed: `--seed ${String(values.seed)}` });
    const summary = await withApp(dbPath, 'create', (app) => callRpc(app, as, 'demo.generate', input));
    return {
      json: summary,
      text: `已生成演示数据：${summary.villages} 个村，${summary.households} 户，${summary.loans} 笔贷款，${summary.managers} 名客户经理。`,
    };
  },
};
