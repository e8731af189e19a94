import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAppContext } from './backend/app-context';
import { openDatabase } from './backend/db/connection';
import { sql } from 'kysely';
import type { DemoDataSummary } from './shared/api/demo';
import { startHttpBridge } from './backend/http-bridge';
import { dispatch } from './backend/rpc/dispatch';

// `npm run demo`: the real backend and the built renderer in a browser, on a demo database.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dbPath = path.resolve(process.env.BRANCH_LEDGER_DEMO_DB ?? path.join(root, 'data', 'demo.sqlite'));
const port = Number(process.env.PORT ?? 5199);
const login = { username: 'admin', password: 'demo1234' };

mkdirSync(path.dirname(dbPath), { recursive: true });
await setAsideIfRandomlyKeyed(dbPath);
// `npm run demo` builds first, so the import-parse worker is there, as in the desktop app.
const app = await createAppContext(dbPath, { parseWorkerUrl: pathToFileURL(path.join(root, 'out', 'main', 'parse-worker.js')) });

const status = await dispatch(app, 'setup.status', {});
if (status.ok && !(status.value as { initialized: boolean }).initialized) {
  const init = await dispatch(app, 'setup.init', {
    branchCode: '880110',
    branchName: '林家坪支行（演示）',
    admin: { ...login, displayName: '系统管理员' },
  });
  if (!init.ok) throw new Error(init.error.message);
}
const hasData = await app.db.selectFrom('villages').select('id').limit(1).executeTakeFirst();
if (!hasData) {
  // Generated as the demo's administrator, through the dispatcher like any other write.
  const session = await dispatch(app, 'auth.login', { username: login.username, password: login.password });
  if (!session.ok) throw new Error(session.error.message);
  const generated = await dispatch(app, 'demo.generate', { loans: 9000, seed: 20261125 }, { token: (session.value as { token: string }).token });
  if (!generated.ok) throw new Error(generated.error.message);
  const summary = generated.value as DemoDataSummary;
  console.log(`已生成演示数据：${summary.villages} 个村，${summary.households} 户，${summary.loans} 笔贷款。`);
}

const bridge = await startHttpBridge(app, { staticDir: path.join(root, 'out', 'renderer'), port });
console.log(`\n支行贷后台账演示版已启动：${bridge.url}/`);
console.log(`登录：用户名 ${login.username}  密码 ${login.password}`);
console.log(`数据库：${dbPath}\n按 Ctrl+C 退出。`);

/**
 * A demo database made before migration 0010 keys its loans, borrowers and villages by random
 * ids, not by the branch and core keys as now: it is set aside (renamed, not deleted) and a new
 * one generated, rather than re-keyed in place. No branch ever ran those builds.
 */
async function setAsideIfRandomlyKeyed(file: string): Promise<void> {
  if (!existsSync(file)) return;
  const db = await openDatabase(file);
  let old: boolean;
  try {
    const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_schema where type = 'table' and name = 'kysely_migration'`.execute(db);
    const applied = rows[0].n === 0 ? [] : (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name);
    old = applied.length > 0 && !applied.includes('0010-change-log-transactions');
  } finally {
    await db.destroy();
  }
  if (!old) return;
  const aside = `${file}.before-0010`;
  renameSync(file, aside);
  console.log(`旧版演示数据库已改名为 ${aside}，将重新生成演示数据。`);
}
