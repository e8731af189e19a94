import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const DB_FILE_NAME = 'branch-ledger.sqlite';

/** The machine-wide default: %ProgramData%\BranchLedger on Windows, XDG data home elsewhere. */
export function defaultDataDir(): string {
  if (process.platform === 'win32') {
    return path.join(process.env.ProgramData ?? 'C:\\ProgramData', 'BranchLedger');
  }
  const xdg = process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share');
  return path.join(xdg, 'branch-ledger');
}

/**
 * Where the database lives. BRANCH_LEDGER_DATA_DIR wins; else `location.json`
 * (`{"dataDir": "D:\\台账数据"}`) in the default folder moves it; else the default.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BRANCH_LEDGER_DATA_DIR) return path.resolve(env.BRANCH_LEDGER_DATA_DIR);
  const base = defaultDataDir();
  const pointer = path.join(base, 'location.json');
  if (existsSync(pointer)) {
    const { dataDir } = JSON.parse(readFileSync(pointer, 'utf8')) as { dataDir?: unknown };
    if (typeof dataDir === 'string' && dataDir.trim() !== '') return path.resolve(dataDir);
  }
  return base;
}
