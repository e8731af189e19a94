import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createAppContext, closeAppContext, type AppContext } from '../app-context';
import { openDatabase, type Db } from '../db/connection';
import { AppError } from '../rpc/app-error';
import { fileProblem } from './cli-errors';
import { CLI_PARSE_WORKER } from './parse-worker-url';

/**
 * 'create': the command may make a new database (migrate, import, demo-data);
 * 'existing': the file must be there (a mistyped path must not answer from an empty database).
 */
export type DatabaseUse = 'create' | 'existing';

/** Refuses, in Chinese and naming it, a path that is not a database file the command may use. */
export async function checkDatabasePath(dbPath: string, use: DatabaseUse): Promise<void> {
  const found = await stat(dbPath).catch((err: unknown) => {
    if ((err as { code?: unknown }).code === 'ENOENT') return null;
    throw fileProblem(err, dbPath) ?? err;
  });
  if (found?.isDirectory()) throw new AppError('DB_IS_FOLDER', `--db 指向的是一个文件夹，不是数据库文件：${dbPath}`, `${dbPath} is a directory`);
  if (found) return;
  if (use === 'existing') throw new AppError('DB_NOT_FOUND', `数据库文件不存在：${dbPath}`, `no database at ${dbPath}`);
  const dir = path.dirname(dbPath);
  const parent = await stat(dir).catch(() => null);
  if (!parent?.isDirectory()) throw new AppError('DB_FOLDER_NOT_FOUND', `数据库所在的文件夹不存在：${dir}`, `no folder ${dir} for a new database`);
}

/** Opens the app (database migrated) for one command, and always closes it. */
export async function withApp<T>(dbPath: string, use: DatabaseUse, fn: (app: AppContext) => Promise<T>): Promise<T> {
  await checkDatabasePath(dbPath, use);
  const app = await createAppContext(dbPath, { parseWorkerUrl: CLI_PARSE_WORKER }).catch((err: unknown) => {
    throw fileProblem(err, dbPath) ?? err;
  });
  try {
    return await fn(app);
  } finally {
    await closeAppContext(app);
  }
}

/** Opens the database file alone (no migration) for infrastructure commands, and always closes it. */
export async function withDatabaseFile<T>(dbPath: string, use: DatabaseUse, fn: (db: Db) => Promise<T>): Promise<T> {
  await checkDatabasePath(dbPath, use);
  const db = await openDatabase(dbPath).catch((err: unknown) => {
    throw fileProblem(err, dbPath) ?? err;
  });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}
