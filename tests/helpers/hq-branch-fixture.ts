import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { expect } from 'vitest';
import { closeAppContext, createAppContext } from '../../electron/backend/app-context';
import { callRpc } from '../../electron/backend/cli/call-rpc';
import { cli } from './cli-in-process';

/** Runs a CLI command that must succeed; its JSON. */
export async function ok(...argv: string[]): Promise<any> {
  const r = await cli(...argv, '--json');
  expect(r.code, `${argv.slice(0, 2).join(' ')}: ${r.stdout}${r.stderr}`).toBe(0);
  return r.json;
}

export interface TestBranch {
  code: string;
  db: string;
  identity: string;
}

/**
 * A paired branch made as a script would: generated demo data, the first-run setup and a clerk and
 * a reviewer (through the calls `setup` and `staff add` make, in one opening of the database: the
 * CLI's `setup` reads its password from stdin, which an in-process run does not have), then
 * `sync pair` with head office's identity file.
 */
export async function pairedBranch(dir: string, code: string, name: string, hqIdentity: string, loans: number, seed: number): Promise<TestBranch> {
  mkdirSync(dir, { recursive: true });
  const db = `${dir}/ledger.sqlite`;
  await ok('demo-data', '--db', db, '--loans', String(loans), '--seed', String(seed));
  const app = await createAppContext(db);
  try {
    await callRpc(app, null, 'setup.init', { branchCode: code, branchName: name, admin: { username: 'admin', displayName: '管理员', password: 'admin-pass-1' } });
    await callRpc(app, null, 'staff.create', { username: 'clerk1', displayName: '档案员甲', role: 'clerk' });
    await callRpc(app, null, 'staff.create', { username: 'rev1', displayName: '审查员乙', role: 'reviewer' });
  } finally {
    await closeAppContext(app);
  }
  const identity = `${dir}/branch-identity.json`;
  await ok('sync', 'pair', '--db', db, '--hq-identity', hqIdentity, '--out', identity);
  return { code, db, identity };
}

/** Reads a branch's SQLite database with the app's own connection, and closes it. */
export async function readBranch<T>(db: string, fn: (app: Awaited<ReturnType<typeof createAppContext>>) => Promise<T>): Promise<T> {
  const app = await createAppContext(db);
  try {
    return await fn(app);
  } finally {
    await closeAppContext(app);
  }
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The core system's export of the branch's active loans as a CSV, as the branch would import it
 * on a later day: every loan as the database holds it, with `overdue` giving some loans new
 * principal overdue days (by loan number).
 */
export async function coreExport(db: string, file: string, overdue: Record<string, number> = {}): Promise<void> {
  const rows = await readBranch(db, (app) =>
    sql<Record<string, string | number | null>>`
      select b.customer_no, b.name, b.resident_id, v.township, v.name as village, l.loan_no, l.contract_no, l.product,
        l.guarantee_type, l.disbursed_on, l.maturity_on, l.contract_amount_fen, l.balance_fen, l.annual_rate_ppm,
        l.principal_overdue_days, l.interest_owed_fen, l.interest_overdue_days, l.risk_class, s.display_name as manager
      from loans l join borrowers b on b.id = l.borrower_id left join villages v on v.id = b.village_id left join staff s on s.id = l.manager_id
      where l.status = 'active' order by l.loan_no`.execute(app.db),
  );
  const yuan = (fen: unknown) => (fen === null ? '' : (Number(fen) / 100).toFixed(2));
  const lines = ['客户编号,借款人姓名,身份证号,乡镇,村,借据号,合同编号,产品名称,担保方式,放款日,到期日,合同金额,余额,年利率%,本金逾期天数,欠息,欠息天数,五级分类,客户经理'];
  for (const r of rows.rows) {
    const days = overdue[String(r.loan_no)] ?? r.principal_overdue_days;
    lines.push(
      [r.customer_no, r.name, r.resident_id, r.township, r.village, r.loan_no, r.contract_no, r.product, r.guarantee_type, r.disbursed_on, r.maturity_on, yuan(r.contract_amount_fen), yuan(r.balance_fen), r.annual_rate_ppm === null ? '' : (Number(r.annual_rate_ppm) / 10000).toFixed(4), days, yuan(r.interest_owed_fen), r.interest_overdue_days, r.risk_class, r.manager]
        .map(csvCell)
        .join(','),
    );
  }
  writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]));
}

/** Every row of every table of a branch database (sqlite_sequence and the like left out), in a stable order. */
export async function dumpBranch(db: string): Promise<Record<string, unknown[]>> {
  return readBranch(db, async (app) => {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(app.db);
    const out: Record<string, unknown[]> = {};
    for (const { name } of tables.rows) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.id(name)}`.execute(app.db);
      out[name] = rows.rows.map((r) => JSON.stringify(r)).sort();
    }
    return out;
  });
}

/** Every row of every table in head office's public schema, as JSON text, sorted: a dump to compare before and after. */
export async function dumpHq(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
    const out: Record<string, string[]> = {};
    for (const { table_name } of tables.rows) {
      const rows = await client.query<{ j: string }>(`select row_to_json(t)::text as j from ${pg.escapeIdentifier(table_name)} t`);
      out[table_name] = rows.rows.map((r) => r.j).sort();
    }
    const seq = await client.query<{ last_value: string; is_called: boolean }>(`select last_value, is_called from hq_change_seq`);
    out['(hq_change_seq)'] = [JSON.stringify(seq.rows[0])];
    return out;
  } finally {
    await client.end();
  }
}
