import type { ReadDb } from '../db/read-db';
import type { LoggedTable } from '../db/schema';
import type { RowImage } from './changed-rows';
import { importBooks } from './import-book';

/**
 * Who owns each kind of row, and so which way it travels (there are no two-way edits):
 * - 'branch': the branch's own work, sent up to head office as full row images;
 * - 'hq': reference data head office owns, sent down; a paired branch does not edit it;
 * - 'local': never travels — core-system data (head office has the core system itself),
 *   this installation's settings and mappings.
 * Every logged table must be named here (the type requires it): a new kind of row is one line.
 */
export type SyncOwner = 'branch' | 'hq' | 'local';

export interface SyncRule {
  owner: SyncOwner;
  /** Columns left out of the row images (secrets, bulky detail head office has no use for). */
  omit?: readonly string[];
  /** Only the rows this SQL condition holds for travel (the table's columns, unqualified). */
  where?: string;
  /**
   * Fields added to the row images as a package is built: figures head office needs that the
   * row does not hold. Each is read once for all of a table's rows in the package (by row id).
   */
  extend?: Readonly<Record<string, ExtraField>>;
  /**
   * Head office's reference rows: the columns that name a row on both sides. A row head office
   * sends whose id the branch does not have, but whose natural key it does (the branch's own
   * holiday, document type or template from before pairing), updates that row in place, keeping
   * the branch's id (other rows refer to it).
   */
  naturalKey?: readonly string[];
  /**
   * Head office's rows that refer to another reference row name it by its natural key, since ids
   * differ between the two sides: field → the column it fills with the id of the row of `table`
   * whose `by` equals it. A name the branch does not have refuses the package.
   */
  resolve?: Readonly<Record<string, { column: string; table: LoggedTable; by: string }>>;
}

export type ExtraField = (trx: ReadDb, rows: readonly RowImage[]) => Promise<ReadonlyMap<string, unknown>>;

export const SYNC_TABLES: Record<LoggedTable, SyncRule> = {
  // The branch's work.
  loan_assignments: { owner: 'branch' },
  contacts: { owner: 'branch' },
  legal_steps: { owner: 'branch' },
  handover_batches: { owner: 'branch' },
  loan_handovers: { owner: 'branch' },
  village_cadres: { owner: 'branch' },
  village_visits: { owner: 'branch' },
  recoverability_assessments: { owner: 'branch' },
  manager_targets: { owner: 'branch' },
  notice_batches: { owner: 'branch' },
  notices: { owner: 'branch' },
  printed_documents: { owner: 'branch' },
  limitation_events: { owner: 'branch' },
  sms_batches: { owner: 'branch' },
  sms_messages: { owner: 'branch' },
  export_log: { owner: 'branch' },
  archive_files: { owner: 'branch' },
  archive_documents: { owner: 'branch' },
  archive_file_editors: { owner: 'branch' },
  archive_events: { owner: 'branch' },
  archive_batches: { owner: 'branch' },
  inspection_rules: { owner: 'branch' },
  inspections: { owner: 'branch' },
  inspection_tasks: { owner: 'branch' },
  spot_checks: { owner: 'branch' },
  warning_clearances: { owner: 'branch' },
  // Local corrections of contact details; the core system's own numbers stay local.
  borrower_phones: { owner: 'branch', where: "source = 'local'" },
  // Who did the work (names on rows and papers), never a password.
  staff: { owner: 'branch', omit: ['password_hash'] },
  // Each import's summary: file, date and counts, and the book on its as-of date (head office's
  // report of each branch); its rejected rows and warnings stay local.
  imports: { owner: 'branch', omit: ['rejected_json', 'warnings_json'], extend: { book: importBooks } },

  // Head office's reference data.
  archive_doc_types: { owner: 'hq', naturalKey: ['name'] },
  archive_doc_rules: {
    owner: 'hq',
    naturalKey: ['doc_type_id', 'product', 'guarantee_type'],
    resolve: { doc_type_name: { column: 'doc_type_id', table: 'archive_doc_types', by: 'name' } },
  },
  calendar_days: { owner: 'hq', naturalKey: ['day'] },
  notice_templates: { owner: 'hq', naturalKey: ['kind'] },
  archive_receipts: { owner: 'hq' },
  hq_messages: { owner: 'hq' },

  // Never travels (nor do settings, which are the installation's own).
  villages: { owner: 'local' },
  borrowers: { owner: 'local' },
  loans: { owner: 'local' },
  loan_snapshots: { owner: 'local' },
  manager_names: { owner: 'local' },
  import_profiles: { owner: 'local' },
  sync_identity: { owner: 'local' },
  sync_peers: { owner: 'local' },
  sync_outbox: { owner: 'local' },
  sync_inbox: { owner: 'local' },
};

/**
 * The setting that marks a table of head office's as taken over: set when head office first
 * sends rows of it. From then on the branch's own edits of that table are refused (the change log
 * refuses them); until then the branch keeps its own reference data, as before pairing.
 */
export const hqTableSetting = (table: string) => `sync_hq_owns_${table}`;

export const tablesOwnedBy = (owner: SyncOwner): LoggedTable[] => (Object.keys(SYNC_TABLES) as LoggedTable[]).filter((t) => SYNC_TABLES[t].owner === owner);
