import { existsSync } from 'node:fs';
import path from 'node:path';
import { backupDatabase } from '../db/backup';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrator';
import { generateDemoData } from '../demo/generator';
import { AppError } from '../rpc/app-error';
import { optionalInt, requireString, type CliCommand } from './command';
import { systemWriter, withDatabase } from './with-database';

export const migrateCommand: CliCommand = {
  words: ['migrate'],
  summary: 'create or upgrade a database (a dated backup is made first)',
  usage: 'migrate --db <file> [--json]',
  options: { db: { type: 'string' } },
  async run(values) {
    const dbPath = path.resolve(requireString(values, 'db'));
    const db = await openDatabase(dbPath);
    try {
      const outcome = await migrateToLatest(db, dbPath);
      const text =
        outcome.applied.length === 0
          ? '数据库已是最新版本。'
          : `已升级数据库：${outcome.applied.join(', ')}${outcome.backupPath ? `\n升级前备份：${outcome.backupPath}` : ''}`;
      return { json: outcome, text };
    } finally {
      await db.destroy();
    }
  },
};

export const backupCommand: CliCommand = {
  words: ['backup'],
  summary: 'write a consistent copy of a database, also while the app is using it',
  usage: 'backup --db <file> --out <file> [--json]',
  options: { db: { type: 'string' }, out: { type: 'string' } },
  async run(values) {
    const dbPath = path.resolve(requireString(values, 'db'));
    const out = path.resolve(requireString(values, 'out'));
    if (!existsSync(dbPath)) throw new AppError('DB_NOT_FOUND', `找不到数据库文件：${dbPath}`, `no database at ${dbPath}`);
    if (out === dbPath) throw new AppError('BACKUP_SAME_FILE', '备份文件不能与数据库是同一个文件', 'backup target is the database');
    const db = await openDatabase(dbPath);
    try {
      await backupDatabase(db, out);
      return { json: { backup: out }, text: `备份已写入：${out}` };
    } finally {
      await db.destroy();
    }
  },
};

export const demoDataCommand: CliCommand = {
  words: ['demo-data'],
  summary: 'fill an empty database with a generated demo branch',
  usage: 'demo-data --db <file> [--loans N] [--seed N] [--json]',
  options: { db: { type: 'string' }, loans: { type: 'string' }, seed: { type: 'string' } },
  async run(values) {
    const dbPath = path.resolve(requireString(values, 'db'));
    const loans = optionalInt(values, 'loans') ?? 9000;
    const seed = optionalInt(values, 'seed') ?? 20261125;
    const summary = await withDatabase(dbPath, (app) => generateDemoData(systemWriter(app), app.db, { loans, seed }));
    return {
      json: summary,
      text: `已生成演示数据：${summary.villages} 个村，${summary.households} 户，${summary.loans} 笔贷款，${summary.managers} 名客户经理。`,
    };
  },
};
