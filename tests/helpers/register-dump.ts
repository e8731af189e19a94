import { sql } from 'kysely';
import type { Db } from '../../electron/backend/db/connection';
import { loggedInsertIds } from './logged-inserts';

/** The tables an import writes, dumped by registerDump. */
export const IMPORTED_TABLES = [
  'villages', 'staff', 'manager_names', 'borrowers', 'borrower_phones', 'loans', 'loan_assignments', 'loan_snapshots', 'archive_files', 'inspection_tasks',
] as const;

/**
 * What an import left in the register, comparable across two databases: every row of the tables
 * it writes, with random ids (staff, phones, a borrower with neither customer number nor ID…) and
 * stamps replaced by what the row stands for (password hashes, salted, left out), each table sorted. For each table also whether the
 * change log names every row it holds as inserted, once.
 */
export async function registerDump(db: Db, actorName: string) {
  const all = async (table: string) => (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
  const names = (rows: Record<string, unknown>[], key: (r: Record<string, unknown>) => string) => new Map(rows.map((r) => [r.id as string, key(r)]));
  const tables = Object.fromEntries(await Promise.all(IMPORTED_TABLES.map(async (t) => [t, await all(t)] as const)));
  const staff = names(tables.staff, (r) => `staff:${String(r.display_name)}`);
  const borrowers = names(tables.borrowers, (r) => `borrower:${String(r.customer_no ?? r.resident_id ?? `${String(r.name)}|${String(r.address)}`)}`);
  const loans = names(tables.loans, (r) => `loan:${String(r.loan_no)}`);
  const villages = names(tables.villages, (r) => `village:${String(r.township)}|${String(r.name)}`);
  const imports = names(await all('imports'), () => 'import');
  const refs: Record<string, Map<string, string>> = {
    manager_id: staff, staff_id: staff, reviewed_by: staff, borrower_id: borrowers, loan_id: loans, village_id: villages, import_id: imports,
  };
  const own: Record<string, Map<string, string> | undefined> = { staff, borrowers, loans, villages };

  const dump: Record<string, string[]> = {};
  const logged: Record<string, boolean> = {};
  for (const table of IMPORTED_TABLES) {
    dump[table] = tables[table]
      .map(({ id, created_at: _c, updated_at: _u, password_hash: _p, ...rest }) => {
        const row: Record<string, unknown> = { self: own[table]?.get(id as string) ?? null };
        for (const [k, v] of Object.entries(rest)) row[k] = refs[k] && typeof v === 'string' ? (refs[k].get(v) ?? `unknown ${v}`) : v;
        return JSON.stringify(row);
      })
      .sort();
    const ids = await loggedInsertIds(db, table, actorName);
    const named = new Set(ids);
    logged[table] = ids.length === tables[table].length && named.size === ids.length && tables[table].every((r) => named.has(r.id as string));
  }
  return { dump, logged };
}
