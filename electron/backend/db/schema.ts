import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ArchiveDocState, ArchiveEventAction, ArchiveStatus, GuaranteeKind } from '../../shared/archive';
import type { RiskClass, StaffRole } from '../../shared/domain';

/** A text column with default '': optional on insert. */
type DefaultEmpty = ColumnType<string, string | undefined, string>;

/** Columns every synced row carries: a stable id and its stamps (epoch ms, UTC). */
interface Stamped {
  id: string;
  created_at: number;
  updated_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface StaffTable extends Stamped {
  username: string | null;
  display_name: string;
  role: StaffRole;
  password_hash: string | null;
  active: number;
  /** The phone borrowers are given for this staff member (normalised); '' when not entered. */
  phone: DefaultEmpty;
}

/** This database file's identity (one row, made when it was created): the origin of its change-log transactions. */
export interface InstallationTable {
  id: string;
  created_at: number;
}

/** One row per write transaction; every change-log entry names its transaction. */
export interface ChangeTxnsTable {
  seq: Generated<number>;
  id: string;
  origin: string;
  actor_id: string;
  actor_name: string;
  at: number;
  cause_kind: 'import' | 'sync' | 'migration' | 'demo' | null;
  cause_id: string | null;
  schema_version: string;
}

export interface ChangeLogTable {
  seq: Generated<number>;
  /** `<txn id>:<n in 8 digits>`: unique, and sorts as the entries happened. */
  id: string;
  txn_id: string;
  at: number;
  actor_id: string;
  actor_name: string;
  /**
   * `insert_rows`: one entry for a batch of bulk-inserted rows (an import), row_id null, after_json
   * `{"ids": [...]}`. It names the rows instead of copying them: each stays reachable by id in its
   * table, and sync reads what it sends from the tables as of packaging.
   */
  action: 'insert' | 'update' | 'delete' | 'insert_rows';
  table_name: string;
  row_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface VillagesTable extends Stamped {
  township: string;
  name: string;
  manager_id: string | null;
}

export interface BorrowersTable extends Stamped {
  customer_no: string | null;
  resident_id: string | null;
  name: string;
  name_initials: string;
  /** Toneless pinyin, space-separated: the register's sort order (imports and demo data set it). */
  name_pinyin: DefaultEmpty;
  gender: 'M' | 'F' | null;
  birth_date: string | null;
  village_id: string | null;
  address: string;
  // Kept by staff, never by imports; empty (the column default) until someone fills them in.
  whereabouts: DefaultEmpty;
  contact_name: DefaultEmpty;
  contact_phone: DefaultEmpty;
  notes: DefaultEmpty;
}

export interface BorrowerPhonesTable extends Stamped {
  borrower_id: string;
  phone: string;
  note: DefaultEmpty;
  verified_on: string | null;
  source: 'core' | 'local';
  core_value: string | null;
}

export interface LoansTable extends Stamped {
  loan_no: string;
  borrower_id: string;
  contract_no: string;
  product: string;
  guarantee_type: string;
  guarantors: string;
  disbursed_on: string | null;
  maturity_on: string | null;
  contract_amount_fen: number | null;
  balance_fen: number;
  annual_rate_ppm: number | null;
  principal_overdue_days: number;
  interest_owed_fen: number | null;
  interest_overdue_days: number | null;
  risk_class: RiskClass | null;
  manager_id: string | null;
  status: 'active' | 'settled';
  settled_on: string | null;
}

export interface LoanSnapshotsTable extends Stamped {
  loan_id: string;
  as_of: string;
  balance_fen: number;
  principal_overdue_days: number;
  interest_owed_fen: number | null;
  interest_overdue_days: number | null;
  risk_class: RiskClass | null;
  status: 'active' | 'settled';
  import_id: string | null;
  /** The loan's manager on `as_of` (its assignment then), null when it had none. */
  manager_id: string | null;
}

/**
 * Who is responsible for a loan (管户客户经理), period by period: valid_from is the first day,
 * valid_to the first day no longer (null while current). One current row per loan.
 */
export interface LoanAssignmentsTable extends Stamped {
  loan_id: string;
  manager_id: string;
  valid_from: string;
  valid_to: string | null;
  reason: DefaultEmpty;
}

/** The current rows of loan_assignments (a view). */
export interface CurrentLoanManagersView {
  loan_id: string;
  manager_id: string;
  valid_from: string;
}

/** A core export's 客户经理 name, mapped to a staff member once and kept. */
export interface ManagerNamesTable extends Stamped {
  name: string;
  staff_id: string;
}

export interface ImportsTable extends Stamped {
  file_name: string;
  sha256: string;
  format: string;
  as_of: string;
  full_export: number;
  actor_id: string | null;
  actor_name: string;
  rows_read: number;
  accepted: number;
  inserted: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  settled: number;
  rejected_json: string;
  warnings_json: string;
}

export interface ImportProfilesTable extends Stamped {
  header_signature: string;
  name: string;
  mapping_json: string;
}

export interface ExportLogTable extends Stamped {
  kind: string;
  scope: string;
  ids_masked: number;
  rows: number;
  actor_id: string | null;
  actor_name: string;
}

export type ContactWay = 'phone' | 'sms' | 'visit' | 'letter' | 'other';
export type ContactReached = 'self' | 'family' | 'guarantor' | 'contact' | 'none';

/** A contact with a household about one loan (loan_id) or the whole household (loan_id null). */
export interface ContactsTable extends Stamped {
  borrower_id: string;
  loan_id: string | null;
  /** Local time 'YYYY-MM-DD HH:MM'. */
  contacted_at: string;
  way: ContactWay;
  reached: ContactReached;
  outcome: DefaultEmpty;
  /** A promise to pay: both or neither. */
  promise_on: string | null;
  promise_fen: number | null;
  follow_up_on: string | null;
  note: DefaultEmpty;
  /** Who made the contact. */
  staff_id: string;
  sms_message_id: string | null;
}

export type LegalStepKind = 'lawyer-letter' | 'payment-order' | 'lawsuit' | 'arbitration' | 'judgment' | 'enforcement' | 'other';

export interface LegalStepsTable extends Stamped {
  loan_id: string;
  step_on: string;
  kind: LegalStepKind;
  note: DefaultEmpty;
  staff_id: string;
}

/** A numbered hand-over to the risk-asset unit; the figures are those printed on its transmittal list. */
export interface HandoverBatchesTable extends Stamped {
  batch_no: string;
  year: number;
  seq: number;
  handed_on: string;
  receiver: DefaultEmpty;
  note: DefaultEmpty;
  loans: number;
  balance_fen: number;
  interest_owed_fen: number;
  staff_id: string;
}

/** A loan in a hand-over batch, with its figures as handed over; open (returned_on null) keeps it off the worklists. */
export interface LoanHandoversTable extends Stamped {
  batch_id: string;
  loan_id: string;
  line_no: number;
  balance_fen: number;
  principal_overdue_days: number;
  interest_owed_fen: number | null;
  interest_overdue_days: number | null;
  manager_id: string | null;
  returned_on: string | null;
  /** Why the risk-asset unit gave the loan back. */
  return_note: DefaultEmpty;
}

export interface VillageCadresTable extends Stamped {
  village_id: string;
  name: string;
  role: string;
  group_name: DefaultEmpty;
  phone: DefaultEmpty;
  note: DefaultEmpty;
  active: ColumnType<number, number | undefined, number>;
}

export interface VillageVisitsTable extends Stamped {
  village_id: string;
  visited_on: string;
  /** Who went (names as written). */
  visitors: string;
  met: DefaultEmpty;
  learned: DefaultEmpty;
  staff_id: string;
}

export type RecoverabilityVerdict = 'recoverable' | 'with-effort' | 'unrecoverable';

export interface RecoverabilityAssessmentsTable extends Stamped {
  loan_id: string;
  assessed_on: string;
  verdict: RecoverabilityVerdict;
  reason: string;
  staff_id: string;
}

/** A manager's targets for one month ('YYYY-MM'). */
export interface ManagerTargetsTable extends Stamped {
  manager_id: string;
  month: string;
  recovered_principal_fen: ColumnType<number, number | undefined, number>;
  cleared_loans: ColumnType<number, number | undefined, number>;
  contacts: ColumnType<number, number | undefined, number>;
}

export interface SmsBatchesTable extends Stamped {
  template: string;
  scope: string;
  messages: number;
  skipped: number;
  staff_id: string;
  /** When the clerk confirmed the upload (epoch ms); its messages are contacts from then on. */
  confirmed_at: number | null;
}

export interface SmsMessagesTable extends Stamped {
  batch_id: string;
  loan_id: string;
  borrower_id: string;
  phone: string;
  text: string;
  segments: number;
}

/** The record behind a printed paper: kind, number when it has one, the figures as printed, the PDF's hash, who, when. */
export interface PrintedDocumentsTable extends Stamped {
  kind: string;
  doc_no: string | null;
  title: string;
  figures_json: ColumnType<string, string | undefined, string>;
  pages: number | null;
  sha256: string | null;
  actor_id: string | null;
  actor_name: string;
}

/** Per table, the newest change-log seq that touched it (kept by the write path; not change-logged). */
export interface TableVersionsTable {
  table_name: string;
  seq: number;
}

export type NoticeKind = 'reminder' | 'overdue' | 'guarantor' | 'confirmation';
export type NoticeTemplateKind = NoticeKind | 'contact-card';

/** An admin's wording of one kind of paper; kinds without a row use the built-in wording. */
export interface NoticeTemplatesTable extends Stamped {
  kind: NoticeTemplateKind;
  paper: 'A4' | 'A5';
  title: string;
  body: string;
  receipt: DefaultEmpty;
}

/** One issue run: numbers first_no..last_no, its PDF kept in the data folder once printed. */
export interface NoticeBatchesTable extends Stamped {
  kind: NoticeKind;
  year: number;
  scope: string;
  as_of: string;
  notices: number;
  first_no: string | null;
  last_no: string | null;
  status: 'printing' | 'printed' | 'cancelled';
  /** `host:pid` of the process printing it, while it prints. */
  printing_process: DefaultEmpty;
  end_reason: DefaultEmpty;
  pdf_path: string | null;
  sha256: string | null;
  staff_id: string;
}

export type NoticeDelivery = 'sent' | 'delivered' | 'returned' | 'undeliverable';

/** One numbered notice, its figures as printed, and what became of it. */
export interface NoticesTable extends Stamped {
  batch_id: string;
  kind: NoticeKind;
  year: number;
  seq: number;
  notice_no: string;
  /** The number as a Code 128 barcode carries it (what a scanner types). */
  scan_code: string;
  loan_id: string;
  borrower_id: string;
  addressee: string;
  addressee_role: 'borrower' | 'guarantor';
  as_of: string;
  issued_on: string;
  figures_json: string;
  status: 'printing' | 'issued' | 'cancelled';
  cancel_reason: DefaultEmpty;
  delivery: ColumnType<NoticeDelivery, NoticeDelivery | undefined, NoticeDelivery>;
  delivery_note: DefaultEmpty;
  receipt_on: string | null;
  receipt_signer: DefaultEmpty;
  receipt_by: string | null;
  staff_id: string;
}

/** Staff-recorded events of the limitation clock: an acceleration moves its start, an acknowledgement restarts it. */
export interface LimitationEventsTable extends Stamped {
  loan_id: string;
  kind: 'acceleration' | 'acknowledgement';
  event_on: string;
  note: DefaultEmpty;
  staff_id: string;
}

/** The document catalogue of loan files (借款合同, 借据…); a type no longer used is made inactive, never deleted. */
export interface ArchiveDocTypesTable extends Stamped {
  name: string;
  sort_order: number;
  active: ColumnType<number, number | undefined, number>;
}

/** Whether a type is required for a product and guarantee type ('' = any); the most specific rule wins. */
export interface ArchiveDocRulesTable extends Stamped {
  doc_type_id: string;
  product: DefaultEmpty;
  guarantee_type: ColumnType<GuaranteeKind | '', GuaranteeKind | '' | undefined, GuaranteeKind | ''>;
  required: number;
}

/** A holiday, or a weekend day worked instead (调休上班): what working-day deadlines skip or count. */
export interface CalendarDaysTable extends Stamped {
  day: string;
  kind: 'holiday' | 'workday';
  name: DefaultEmpty;
}

/** A loan's paper file: its deadline and where it is in collect → review → hand over → receipt. */
export interface ArchiveFilesTable extends Stamped {
  loan_id: string;
  disbursed_on: string;
  due_on: string;
  status: ArchiveStatus;
  /** 1: set to received by the cut-over (the backlog), never checked in the app. */
  backlog: ColumnType<number, number | undefined, number>;
  /** Why it was returned, or head office's discrepancy: shown until the file moves on. */
  status_note: DefaultEmpty;
  reviewed_by: string | null;
  reviewed_at: number | null;
  batch_id: string | null;
  received_on: string | null;
}

/** A checklist cell someone set; a required type with no row is missing. */
export interface ArchiveDocumentsTable extends Stamped {
  file_id: string;
  doc_type_id: string;
  state: ArchiveDocState;
  pages: number | null;
}

/** Everyone who ever changed a file's checklist (the four-eyes rule reads it). */
export interface ArchiveFileEditorsTable extends Stamped {
  file_id: string;
  staff_id: string;
}

export interface ArchiveEventsTable extends Stamped {
  file_id: string;
  action: ArchiveEventAction;
  note: DefaultEmpty;
  batch_id: string | null;
  staff_id: string;
}

/** A hand-over to the head-office archive: the manifest exactly as written, and the receipt once back. */
export interface ArchiveBatchesTable extends Stamped {
  batch_no: string;
  year: number;
  seq: number;
  handed_on: string;
  files: number;
  documents: number;
  pages: number;
  manifest: string;
  sha256: string;
  status: 'sent' | 'received';
  received_on: string | null;
  received_by: DefaultEmpty;
  receipt_source: 'file' | 'hand' | 'sync' | null;
  received_files: ColumnType<number, number | undefined, number>;
  discrepancy_files: ColumnType<number, number | undefined, number>;
  staff_id: string;
}

/** When loans are inspected: by product and guarantee type ('' = any), the most specific rule winning. */
export interface InspectionRulesTable extends Stamped {
  product: DefaultEmpty;
  guarantee_type: ColumnType<GuaranteeKind | '', GuaranteeKind | '' | undefined, GuaranteeKind | ''>;
  first_days: number;
  routine_months: number;
}

export type InspectionWay = 'site' | 'phone' | 'offsite';
export type InspectionConclusion = 'normal' | 'attention' | 'reclassify' | 'recall';

/** One post-loan inspection (贷后检查) as recorded. */
export interface InspectionsTable extends Stamped {
  loan_id: string;
  inspected_on: string;
  way: InspectionWay;
  findings_json: ColumnType<string, string | undefined, string>;
  risk_signals_json: ColumnType<string, string | undefined, string>;
  conclusion: InspectionConclusion;
  follow_up: DefaultEmpty;
  staff_id: string;
}

/** An inspection due: open until one fulfils it (done) or the loan is settled (cancelled). */
export interface InspectionTasksTable extends Stamped {
  loan_id: string;
  kind: 'first' | 'routine' | 'adhoc';
  due_on: string;
  reason: DefaultEmpty;
  status: 'open' | 'done' | 'cancelled';
  inspection_id: string | null;
}

/** The reviewer's four-eyes check of a sampled inspection. */
export interface SpotChecksTable extends Stamped {
  inspection_id: string;
  month: string;
  verdict: 'pending' | 'confirmed' | 'disputed';
  note: DefaultEmpty;
  checker_id: string | null;
  checked_on: string | null;
}

/** An early-warning signal cleared (its evidence key: the snapshots it was read from). */
export interface WarningClearancesTable extends Stamped {
  loan_id: string;
  signal: string;
  evidence_key: string;
  note: DefaultEmpty;
  inspection_id: string | null;
  staff_id: string;
}

/** This branch's own sync keys (one row, made at pairing); the secret columns are redacted in the change log. */
export interface SyncIdentityTable extends Stamped {
  kind: 'branch';
  code: string;
  name: string;
  signing_key: string;
  age_identity: string;
  public_identity: string;
}

/** Head office as pinned at pairing; acked_seq: the highest of this branch's packages it has applied. */
export interface SyncPeersTable extends Stamped {
  kind: 'hq';
  code: string;
  name: string;
  fingerprint: string;
  public_identity: string;
  acked_seq: ColumnType<number, number | undefined, number>;
  revoked_at: number | null;
}

/** A package built for a peer, kept so that a lost copy can be written again. */
export interface SyncOutboxTable extends Stamped {
  peer_id: string;
  seq: number;
  hash: string;
  previous_hash: string | null;
  up_to_seq: number;
  rows: number;
  file_name: string;
  content_base64: string;
}

/** A package taken in from head office: applied, or held until a gap before it fills. */
export interface SyncInboxTable extends Stamped {
  peer_id: string;
  from_code: string;
  seq: number;
  hash: string;
  package_id: string;
  file_name: string;
  status: 'applied' | 'held';
  reason: DefaultEmpty;
  /** Kept while held, cleared once applied. */
  content_base64: string | null;
}

/**
 * Head office's receipt of a hand-over batch, sent down by sync: the manifest's SHA-256 it signed
 * for and a result per file (results_json: [{loanNo, status: 'received'|'discrepancy', reason}]).
 */
export interface ArchiveReceiptsTable extends Stamped {
  batch_no: string;
  manifest_sha256: string;
  received_by: string;
  received_on: string;
  results_json: string;
}

/** Head office's notice to the branch (通知), sent down by sync. */
export interface HqMessagesTable extends Stamped {
  title: string;
  body: string;
  sent_by: string;
  sent_on: string;
}

export interface Database {
  settings: SettingsTable;
  staff: StaffTable;
  installation: InstallationTable;
  change_txns: ChangeTxnsTable;
  change_log: ChangeLogTable;
  villages: VillagesTable;
  borrowers: BorrowersTable;
  borrower_phones: BorrowerPhonesTable;
  loans: LoansTable;
  loan_snapshots: LoanSnapshotsTable;
  loan_assignments: LoanAssignmentsTable;
  current_loan_managers: CurrentLoanManagersView;
  manager_names: ManagerNamesTable;
  imports: ImportsTable;
  import_profiles: ImportProfilesTable;
  export_log: ExportLogTable;
  contacts: ContactsTable;
  legal_steps: LegalStepsTable;
  handover_batches: HandoverBatchesTable;
  loan_handovers: LoanHandoversTable;
  village_cadres: VillageCadresTable;
  village_visits: VillageVisitsTable;
  recoverability_assessments: RecoverabilityAssessmentsTable;
  manager_targets: ManagerTargetsTable;
  sms_batches: SmsBatchesTable;
  sms_messages: SmsMessagesTable;
  printed_documents: PrintedDocumentsTable;
  table_versions: TableVersionsTable;
  notice_templates: NoticeTemplatesTable;
  notice_batches: NoticeBatchesTable;
  notices: NoticesTable;
  limitation_events: LimitationEventsTable;
  archive_doc_types: ArchiveDocTypesTable;
  archive_doc_rules: ArchiveDocRulesTable;
  calendar_days: CalendarDaysTable;
  archive_files: ArchiveFilesTable;
  archive_documents: ArchiveDocumentsTable;
  archive_file_editors: ArchiveFileEditorsTable;
  archive_events: ArchiveEventsTable;
  archive_batches: ArchiveBatchesTable;
  archive_receipts: ArchiveReceiptsTable;
  hq_messages: HqMessagesTable;
  inspection_rules: InspectionRulesTable;
  inspections: InspectionsTable;
  inspection_tasks: InspectionTasksTable;
  spot_checks: SpotChecksTable;
  warning_clearances: WarningClearancesTable;
  sync_identity: SyncIdentityTable;
  sync_peers: SyncPeersTable;
  sync_outbox: SyncOutboxTable;
  sync_inbox: SyncInboxTable;
}

/** Tables written through the change-logged write path (every one has id + stamps). */
export type LoggedTable = {
  [K in keyof Database]: Database[K] extends Stamped ? K : never;
}[keyof Database];

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowPatch<T extends keyof Database> = Updateable<Database[T]>;
