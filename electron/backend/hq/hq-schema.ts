import type { ColumnType, Generated } from 'kysely';

/**
 * Head office's PostgreSQL schema (migrations/hq). Instants are bigint milliseconds (pg returns
 * int8 as text; hq-db.ts parses them to numbers), business dates text YYYY-MM-DD, every branch
 * row keyed by its branch. Branch rows are kept as the images the branch sent (jsonb), one table
 * for every kind: a new kind of branch row needs no head-office migration.
 */
export interface HqBranchesTable {
  code: string;
  name: string;
  fingerprint: string;
  public_identity: string;
  registered_at: number;
  revoked_at: number | null;
  /** The highest seq of head office's packages the branch has applied (the ack of its last package). */
  acked_seq: Generated<number>;
  /** The branch's schema version, as its last package said (head office's packages must not be newer). */
  schema_version: string | null;
}

export interface HqInboxTable {
  branch_code: string;
  seq: number;
  hash: string;
  package_id: string;
  file_name: string;
  status: 'applied' | 'held';
  reason: Generated<string>;
  rows: number;
  /** A held package's bytes, until it is applied. */
  content: Buffer | null;
  received_at: number;
  applied_at: number | null;
}

export interface BranchRowsTable {
  branch_code: string;
  table_name: string;
  row_id: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  package_seq: number;
}

/** Head office's own rows for a branch (archive receipts…), sent down in its packages. */
export interface HqRowsTable {
  id: string;
  branch_code: string;
  table_name: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  /** From a sequence: a package carries the rows changed after the one the branch acknowledged. */
  change_seq: Generated<number>;
  recorded_by: string;
  recorded_at: number;
}

export interface HqOutboxTable {
  branch_code: string;
  seq: number;
  hash: string;
  previous_hash: string | null;
  up_to_seq: number;
  rows: number;
  file_name: string;
  content: Buffer;
  created_at: number;
  created_by: string;
}

/** Every change head office makes, with who made it (head office's change log). */
export interface HqLogTable {
  seq: Generated<number>;
  at: number;
  actor: string;
  action: string;
  branch_code: string | null;
  detail: ColumnType<Record<string, unknown>, string, string>;
}

export interface HqUsersTable {
  username: string;
  name: string;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
}

/** The consolidated views, as Kysely sees them (read only; the migration defines them). */
export interface HqViews {
  hq_last_package: { branch_code: string; last_seq: number; last_applied_at: number | null; held: number };
  hq_latest_book: { branch_code: string; as_of: string; book: { loans?: number; overdueLoans?: number; balanceFen?: number; overdueBalanceFen?: number } };
  hq_notice_counts: { branch_code: string; issued: number; receipts: number };
  hq_archive_status: { branch_code: string; status: string; files: number };
  /** Judged by China's date in PostgreSQL (migration 0030): the app asks hq_handovers_at_branch with its own today. */
  hq_overdue_handovers: { branch_code: string; file_id: string; due_on: string; status: string };
  hq_handovers_at_branch: { branch_code: string; file_id: string; due_on: string; status: string };
  hq_overdue_by_bucket: { branch_code: string; as_of: string; bucket: string; loans: number; balance_fen: number };
}

export interface HqDatabase extends HqViews {
  hq_branches: HqBranchesTable;
  hq_inbox: HqInboxTable;
  branch_rows: BranchRowsTable;
  hq_rows: HqRowsTable;
  hq_outbox: HqOutboxTable;
  hq_log: HqLogTable;
  hq_users: HqUsersTable;
}
