import { sql } from 'kysely';
import { uuidV5 } from './uuid-v5';
import type { ReadDb } from '../db/read-db';

// Branch Ledger's own namespace: each branch's is a UUIDv5 under it, and each derived id a UUIDv5
// under the branch's, of a name that says what the row is (`loan`, `borrower`, …) and its core key.
const LEDGER_NAMESPACE = '5d8f3c2a-6b1e-4f0a-9c47-1b2e3d4f5a60';

/**
 * Ids of rows the core system keys, derived from the branch and that key: a branch that
 * rebuilds its database from the same exports gets the same ids, and head office never sees
 * one loan under two ids. Rows with no core key (phones, staff, a borrower with neither
 * customer number nor valid ID) get random UUIDv7 ids instead.
 */
export interface CoreRowIds {
  loan(loanNo: string): string;
  /** By the core customer number when the export has one, else by the 18-digit resident ID. */
  borrower(key: { customerNo: string } | { residentId18: string }): string;
  village(township: string, name: string): string;
  snapshot(loanNo: string, asOf: string): string;
}

export function coreRowIds(branch: string): CoreRowIds {
  const ns = uuidV5(JSON.stringify(['branch', branch]), LEDGER_NAMESPACE);
  // A JSON array per name: no two different keys can spell the same name.
  const id = (...parts: string[]) => uuidV5(JSON.stringify(parts), ns);
  return {
    loan: (loanNo) => id('loan', loanNo),
    borrower: (key) => ('customerNo' in key ? id('borrower', 'customer', key.customerNo) : id('borrower', 'resident', key.residentId18)),
    village: (township, name) => id('village', township, name),
    snapshot: (loanNo, asOf) => id('snapshot', loanNo, asOf),
  };
}

/**
 * The branch whose ids these are: its code (set up before the first sign-in). A database the
 * CLI filled before any setup has no branch code; its rows are keyed under this installation's
 * id instead, which is stable for that file but not across a rebuild.
 */
export async function coreRowIdsOf(db: ReadDb): Promise<CoreRowIds> {
  const { rows } = await sql<{ branch: string | null }>`select coalesce(
      (select 'code:' || value from settings where key = 'branch_code'),
      (select 'installation:' || id from installation)) as branch`.execute(db);
  return coreRowIds(rows[0]?.branch ?? 'unknown');
}
