import { tablesVersion } from '../changelog/table-versions';
import type { ReadDb } from '../db/read-db';

/** The tables an import's plan is worked out from (loadRegisterState): while none changes, the plan holds. */
const REGISTER_TABLES = ['loans', 'loan_snapshots', 'borrowers', 'borrower_phones', 'villages', 'staff', 'imports', 'manager_names', 'loan_assignments', 'settings'];

/** The register's version for an import: the newest change-log entry touching what its plan was worked out from. */
export async function registerVersion(db: ReadDb): Promise<number> {
  return tablesVersion(db, REGISTER_TABLES);
}
