import { sql } from 'kysely';
import { createAppContext, closeAppContext } from '../../electron/backend/app-context';
import { generateDemoData } from '../../electron/backend/demo/generator';
import { villagesOverview } from '../../electron/backend/villages/overview-query';
import { existsSync } from 'node:fs';
const file = '/tmp/bl-scratch-200k.sqlite';
const fresh = !existsSync(file);
const app = await createAppContext(file);
if (fresh) await generateDemoData(app.db, { id: null, name: 'x' }, { loans: 200000, seed: 1 });
const time = async (label: string) => { await villagesOverview(app.db); const ts: number[] = []; for (let i = 0; i < 7; i++) { const t = performance.now(); await villagesOverview(app.db); ts.push(performance.now() - t); } ts.sort((a, b) => a - b); console.log(label, ts.map(Math.round).join(' ')); };
const plan = await sql.raw(`explain query plan with loan_totals as (select b.village_id as village_id, count(*) as loans, sum(l.balance_fen) from loans l join borrowers b on b.id = l.borrower_id where l.status = 'active' group by b.village_id) select * from loan_totals`).execute(app.db);
console.log(plan.rows);
await time('as is');
if (process.argv[2] === 'idx') {
  await sql.raw('create index if not exists x_loans_cover on loans(borrower_id, status, balance_fen, principal_overdue_days)').execute(app.db);
  await sql.raw('analyze').execute(app.db);
  await time('covering index on loans');
  const plan2 = await sql.raw(`explain query plan with loan_totals as (select b.village_id as village_id, count(*) as loans, sum(l.balance_fen) from loans l join borrowers b on b.id = l.borrower_id where l.status = 'active' group by b.village_id) select * from loan_totals`).execute(app.db);
  console.log(plan2.rows);
  await sql.raw('drop index x_loans_cover').execute(app.db);
}
await closeAppContext(app);
