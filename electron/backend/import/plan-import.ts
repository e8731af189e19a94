import { newId } from '../db/new-id';
import { canonicalResidentId, checkResidentId, maskResidentId } from '../../shared/resident-id';
import { todayLocal } from '../../shared/dates';
import type { NewRow, Row, RowPatch } from '../db/schema';
import { groupBorrowers, type FileBorrower } from './group-borrowers';
import type { ImportField, ParsedFile, ParsedLoanRow, RowWarning } from './parsed-file';
import { nameAddressKey, snapshotKey, villageKey, type RegisterState } from './register-state';

type Insert<T extends 'villages' | 'staff' | 'manager_names' | 'borrowers' | 'borrower_phones' | 'loans' | 'loan_snapshots' | 'loan_assignments'> = Omit<
  NewRow<T>,
  'created_at' | 'updated_at'
> & { id: string };
type Update<T extends 'borrowers' | 'loans' | 'loan_snapshots' | 'loan_assignments'> = { before: Row<T>; patch: RowPatch<T> };

export interface ImportPlan {
  asOf: string;
  fullExport: boolean;
  villages: Insert<'villages'>[];
  managers: Insert<'staff'>[];
  /** Names of the file's 客户经理 met for the first time, each mapped to its staff member once. */
  managerNames: Insert<'manager_names'>[];
  borrowerInserts: Insert<'borrowers'>[];
  borrowerUpdates: Update<'borrowers'>[];
  phoneInserts: Insert<'borrower_phones'>[];
  loanInserts: Insert<'loans'>[];
  loanUpdates: Update<'loans'>[];
  unchangedLoans: number;
  snapshotInserts: Insert<'loan_snapshots'>[];
  snapshotUpdates: Update<'loan_snapshots'>[];
  /** Active loans missing from a newer full export: settled as of the import date. */
  settle: Update<'loans'>[];
  /** Current assignments that end: of loans settled, or replaced by the file's manager (setting import_overwrites_assignment). */
  assignmentEnds: Update<'loan_assignments'>[];
  /** New loans' (and unassigned loans') managers, from the file's 客户经理 or else their village's. */
  assignmentInserts: Insert<'loan_assignments'>[];
  /** The register's newest as-of date when it is newer than this import's (the file only adds history). */
  newerRegisterAsOf: string | null;
  /** What the file says that disagrees with the register (one ID under two customer numbers). */
  warnings: RowWarning[];
}

export const LOAN_FIELDS = [
  'borrower_id',
  'contract_no',
  'product',
  'guarantee_type',
  'guarantors',
  'disbursed_on',
  'maturity_on',
  'contract_amount_fen',
  'balance_fen',
  'annual_rate_ppm',
  'principal_overdue_days',
  'interest_owed_fen',
  'interest_overdue_days',
  'risk_class',
  'manager_id',
  'status',
  'settled_on',
] as const;
export type LoanField = (typeof LOAN_FIELDS)[number];

/** The file column each loan field comes from: one the file does not have leaves the register's value. */
export const LOAN_FIELD_SOURCE: Partial<Record<LoanField, ImportField>> = {
  contract_no: 'contractNo',
  product: 'product',
  guarantee_type: 'guaranteeType',
  guarantors: 'guarantors',
  disbursed_on: 'disbursedOn',
  maturity_on: 'maturityOn',
  contract_amount_fen: 'contractAmount',
  annual_rate_ppm: 'annualRate',
  principal_overdue_days: 'principalOverdueDays',
  interest_owed_fen: 'interestOwed',
  interest_overdue_days: 'interestOverdueDays',
  risk_class: 'riskClass',
  manager_id: 'manager',
};

/** Loan fields the file has no column for: the register keeps what it knows of them. */
export function loanFieldsNotInFile(file: Pick<ParsedFile, 'layout'>): LoanField[] {
  return LOAN_FIELDS.filter((f) => {
    const source = LOAN_FIELD_SOURCE[f];
    return source !== undefined && file.layout.mapping[source] === undefined;
  });
}

/**
 * When only part of a file is planned here (set-plan.ts: SQLite found the rest unchanged), `loans`
 * of its loans are unchanged already and `fileLoans` is how many the whole file has.
 */
export interface PlannedElsewhere {
  loans?: number;
  fileLoans?: number;
}

/** A plan with nothing in it yet, against `state`, as of `asOf`. */
export function emptyPlan(state: RegisterState, asOf: string, fullExport: boolean, unchangedLoans = 0): ImportPlan {
  return {
    asOf,
    fullExport,
    villages: [],
    managers: [],
    managerNames: [],
    borrowerInserts: [],
    borrowerUpdates: [],
    phoneInserts: [],
    loanInserts: [],
    loanUpdates: [],
    unchangedLoans,
    snapshotInserts: [],
    snapshotUpdates: [],
    settle: [],
    assignmentEnds: [],
    assignmentInserts: [],
    newerRegisterAsOf: state.newestAsOf !== null && state.newestAsOf > asOf ? state.newestAsOf : null,
    warnings: [],
  };
}

/**
 * Works out, without writing, what importing `file` as of `asOf` changes. Only core-system
 * fields are compared and written: contact data staff keep locally is never in the plan.
 */
export function planImport(
  state: RegisterState,
  file: ParsedFile,
  asOf: string,
  fullExport: boolean,
  importId: string | null,
  unchanged: PlannedElsewhere = {},
): ImportPlan {
  const plan = emptyPlan(state, asOf, fullExport, unchanged.loans ?? 0);
  const rows = new RowPlanner(plan, state, asOf, importId, file);
  const seenLoanIds = new Set<string>();
  for (const fb of groupBorrowers(file.loans)) {
    // A file older than the register adds history: only a loan the register has never seen needs its borrower.
    const needsBorrower = !rows.historyOnly || fb.loans.some((row) => !state.loansByNo.has(row.loanNo));
    const borrowerId = needsBorrower ? rows.borrower(fb) : null;
    for (const row of fb.loans) seenLoanIds.add(rows.loan(row, borrowerId, () => rows.villageManager(fb, borrowerId)));
  }

  // A "full" export without a single loan is a failed or wrongly filtered export, not a branch
  // whose every loan was paid off: it settles nothing.
  if (fullExport && (unchanged.fileLoans ?? file.loans.length) > 0) {
    for (const loan of state.loansByNo.values()) {
      if (loan.status !== 'active' || seenLoanIds.has(loan.id)) continue;
      const last = state.lastAsOf.get(loan.id);
      if (last === undefined || last < asOf) {
        plan.settle.push({ before: loan, patch: { status: 'settled', settled_on: asOf } });
        // A settled loan needs no manager any more: its assignment ends the day it was settled.
        const current = state.currentAssignments.get(loan.id);
        if (current) plan.assignmentEnds.push({ before: current, patch: { valid_to: current.valid_from > asOf ? current.valid_from : asOf } });
      }
    }
  }
  return plan;
}

/**
 * The rules that plan a file's borrowers and loan rows against the register, one at a time, into
 * `plan`: planImport's, and a first import's written while the file is read (stream-first-import.ts),
 * which gives it a new `plan` for each batch. Villages, managers and borrowers it plans are looked
 * up by the next rows as the register's own.
 */
export class RowPlanner {
  /** A file older than the register adds history: its borrower data is not the current one. */
  readonly historyOnly: boolean;
  private readonly notInFile: LoanField[];
  private readonly today = todayLocal();
  /** New borrowers of this file by their 18-digit ID: one ID under two customer numbers is warned about here too. */
  private readonly newByResidentId = new Map<string, Omit<FileBorrower, 'loans'>>();

  constructor(
    public plan: ImportPlan,
    private readonly state: RegisterState,
    private readonly asOf: string,
    private readonly importId: string | null,
    file: Pick<ParsedFile, 'layout'>,
  ) {
    this.historyOnly = plan.newerRegisterAsOf !== null;
    this.notInFile = loanFieldsNotInFile(file);
  }

  /** The borrower of a group of rows, planned with their village; returns their id. */
  borrower(fb: Omit<FileBorrower, 'loans'>): string {
    return planBorrower(this.plan, this.state, fb, this.villageId(fb.township, fb.village), this.historyOnly, this.newByResidentId, this.today);
  }

  /**
   * One loan row, its assignment and its snapshot; returns the loan's id. `borrowerId` is null only
   * for a loan the register has (an older file); `villageManager` is asked only for a new loan the file names no manager for.
   */
  loan(row: ParsedLoanRow, borrowerId: string | null, villageManager: () => string | null): string {
    const fileManager = this.managerId(row.managerName);
    const loan = planLoan(this.plan, this.state, row, borrowerId, fileManager, this.asOf, this.notInFile);
    const manager = planAssignment(this.plan, this.state, loan, fileManager, villageManager, this.asOf);
    planSnapshot(this.plan, this.state, row, loan.id, this.asOf, this.importId, this.notInFile, manager);
    return loan.id;
  }

  /** The village's own manager (set when a village is assigned): new loans the file names no manager for go to them. */
  villageManager(fb: Pick<FileBorrower, 'township' | 'village'>, borrowerId: string | null): string | null {
    const { state } = this;
    const village = fb.village
      ? state.villageByKey.get(villageKey(fb.township ?? '', fb.village))
      : state.villageById.get(state.borrowersById.get(borrowerId ?? '')?.village_id ?? '');
    return village?.manager_id ?? null;
  }

  private villageId(township: string | null, village: string | null): string | null {
    if (!village) return null;
    const { state } = this;
    const key = villageKey(township ?? '', village);
    let row = state.villageByKey.get(key);
    if (!row) {
      const insert = { id: state.ids.village(township ?? '', village), township: township ?? '', name: village, manager_id: null };
      this.plan.villages.push(insert);
      row = { ...insert, created_at: 0, updated_at: 0 };
      state.villageByKey.set(key, row);
    }
    return row.id;
  }

  private managerId(name: string | null): string | null {
    if (!name) return null;
    const { state } = this;
    let row = state.managerByName.get(name);
    if (!row) {
      const insert = { id: newId(), username: null, display_name: name, role: 'manager' as const, password_hash: null, active: 1 };
      this.plan.managers.push(insert);
      row = { ...insert, phone: '', created_at: 0, updated_at: 0 };
      state.managerByName.set(name, row);
    }
    if (!state.mappedManagerNames.has(name)) {
      this.plan.managerNames.push({ id: newId(), name, staff_id: row.id });
      state.mappedManagerNames.add(name);
    }
    return row.id;
  }
}

/**
 * Who looks after the loan from this import on, and who did on its as-of date (for the
 * snapshot). Assignments are the branch's: an import gives a manager only to an active loan
 * that has none (a new loan, or one that had no manager) — the file's 客户经理, else the
 * village's manager — and replaces a loan's manager only when the setting
 * import_overwrites_assignment allows it and the file names another. A file older than what
 * the register knows of the loan changes no assignment.
 */
function planAssignment(
  plan: ImportPlan,
  state: RegisterState,
  loan: PlannedLoan,
  fileManager: string | null,
  villageManager: () => string | null,
  asOf: string,
): string | null {
  const onAsOf = state.managerOnAsOf.get(loan.id) ?? fileManager;
  if (loan.status !== 'active' || !loan.current) return onAsOf;
  const current = state.currentAssignments.get(loan.id);
  const start = (managerId: string, reason: string) => {
    const row = { id: newId(), loan_id: loan.id, manager_id: managerId, valid_from: asOf, valid_to: null, reason: `${reason}（数据截至 ${asOf}）` };
    plan.assignmentInserts.push(row);
    state.currentAssignments.set(loan.id, { ...row, created_at: 0, updated_at: 0 });
    return managerId;
  };
  if (!current) {
    if (fileManager) return start(fileManager, '导入：按文件中的客户经理');
    const byVillage = villageManager();
    return byVillage ? start(byVillage, '导入：按所在村的客户经理') : onAsOf;
  }
  if (state.importOverwritesAssignment && fileManager && fileManager !== current.manager_id && current.valid_from <= asOf) {
    plan.assignmentEnds.push({ before: current, patch: { valid_to: asOf } });
    return start(fileManager, '导入：按文件中的客户经理覆盖本地分配');
  }
  return onAsOf;
}

/** `historyOnly`: the file is older than the register, so a borrower the register knows is left as it is. */
function planBorrower(
  plan: ImportPlan,
  state: RegisterState,
  fb: Omit<FileBorrower, 'loans'>,
  villageId: string | null,
  historyOnly: boolean,
  newByResidentId: Map<string, Omit<FileBorrower, 'loans'>>,
  today: string,
): string {
  // The core customer number, else a valid ID (either form). A file row with neither — a
  // mistyped ID — is the borrower of the same name and address, if the register has exactly one.
  // The customer number is the key: an ID registered under another customer number (a core-system
  // duplicate, or a mistyped ID) does not make this row that customer's, it is warned about.
  const byCustomerNo = fb.customerNo ? state.borrowerByCustomerNo.get(fb.customerNo) : undefined;
  let byId = !byCustomerNo && fb.residentId && fb.residentIdValid ? state.borrowerByResidentId.get(canonicalResidentId(fb.residentId)) : undefined;
  if (byId && fb.customerNo && byId.customer_no && byId.customer_no !== fb.customerNo) {
    warnSharedId(plan, fb, byId.customer_no, byId.name);
    byId = undefined;
  }
  const existing =
    byCustomerNo ??
    byId ??
    (!fb.customerNo && !fb.residentIdValid && fb.address !== '' ? (state.borrowerByNameAddress.get(nameAddressKey(fb.name, fb.address)) ?? undefined) : undefined);
  const id = checkResidentId(fb.residentId ?? '', today);
  const core = {
    customer_no: fb.customerNo,
    name: fb.name,
    name_initials: fb.nameInitials,
    name_pinyin: fb.namePinyin,
    resident_id: fb.residentId,
    gender: id.ok ? id.gender : null,
    birth_date: id.ok ? id.birthDate : null,
    address: fb.address,
    village_id: villageId,
  };

  let borrowerId: string;
  if (!existing) {
    if (fb.customerNo && fb.residentId && fb.residentIdValid) {
      const id18 = canonicalResidentId(fb.residentId);
      const other = newByResidentId.get(id18);
      if (other && other.customerNo !== fb.customerNo) warnSharedId(plan, fb, other.customerNo ?? '', other.name);
      else newByResidentId.set(id18, fb);
    }
    // Keyed by the core customer number, else the ID; a borrower with neither has no stable key.
    borrowerId = fb.customerNo
      ? state.ids.borrower({ customerNo: fb.customerNo })
      : fb.residentId && fb.residentIdValid
        ? state.ids.borrower({ residentId18: canonicalResidentId(fb.residentId) })
        : newId();
    // Local contact fields start empty (their column defaults): an import never writes them.
    plan.borrowerInserts.push({ id: borrowerId, ...core });
  } else if (historyOnly) {
    return existing.id;
  } else {
    borrowerId = existing.id;
    const patch: RowPatch<'borrowers'> = { ...core };
    // Keep what the register knows when the file knows less.
    if (!fb.customerNo) delete patch.customer_no;
    if (!villageId) delete patch.village_id;
    if (!fb.address) delete patch.address;
    // A mistyped ID does not replace the register's, nor an old 15-digit form its 18-digit one.
    const olderForm =
      fb.residentId !== null && existing.resident_id !== null && fb.residentId.length < existing.resident_id.length &&
      canonicalResidentId(fb.residentId) === canonicalResidentId(existing.resident_id);
    if ((!fb.residentIdValid && existing.resident_id) || olderForm) {
      delete patch.resident_id;
      delete patch.gender;
      delete patch.birth_date;
    }
    if (differs(existing, patch)) plan.borrowerUpdates.push({ before: existing, patch });
  }

  const known = state.phonesByBorrower.get(borrowerId) ?? [];
  for (const phone of fb.phones) {
    // A phone staff corrected keeps the core value it replaced, so it is not added back.
    if (known.some((k) => k.core_value === phone || k.phone === phone)) continue;
    plan.phoneInserts.push({ id: newId(), borrower_id: borrowerId, phone, source: 'core', core_value: phone });
    known.push({ phone, core_value: phone });
    state.phonesByBorrower.set(borrowerId, known);
  }
  return borrowerId;
}

/** Known loans whose disbursement date the plan corrects (not a first date): loan id → the corrected date and the update. */
export function correctedDisbursements(plan: Pick<ImportPlan, 'loanUpdates'>): Map<string, { to: string; update: ImportPlan['loanUpdates'][number] }> {
  const out = new Map<string, { to: string; update: ImportPlan['loanUpdates'][number] }>();
  for (const update of plan.loanUpdates) {
    const to = update.patch.disbursed_on;
    if (update.before.disbursed_on !== null && to && to !== update.before.disbursed_on) out.set(update.before.id, { to, update });
  }
  return out;
}

/** A loan of the file as the plan leaves it: `current` when this import sets its figures (not an older file's history). */
interface PlannedLoan {
  id: string;
  status: 'active' | 'settled';
  current: boolean;
}

/** `borrowerId` is null only for a loan the register has (an older file, whose borrower data is not used). */
function planLoan(
  plan: ImportPlan,
  state: RegisterState,
  row: ParsedLoanRow,
  borrowerId: string | null,
  managerId: string | null,
  asOf: string,
  notInFile: readonly LoanField[],
): PlannedLoan {
  const existing = state.loansByNo.get(row.loanNo);
  const owner = borrowerId ?? existing?.borrower_id;
  if (owner === undefined) throw new Error(`import plan: new loan ${row.loanNo} has no borrower`);
  const fields = {
    borrower_id: owner,
    contract_no: row.contractNo,
    product: row.product,
    guarantee_type: row.guaranteeType,
    guarantors: row.guarantors,
    disbursed_on: row.disbursedOn,
    maturity_on: row.maturityOn,
    contract_amount_fen: row.contractAmountFen,
    balance_fen: row.balanceFen,
    annual_rate_ppm: row.annualRatePpm,
    principal_overdue_days: row.principalOverdueDays,
    interest_owed_fen: row.interestOwedFen,
    interest_overdue_days: row.interestOverdueDays,
    risk_class: row.riskClass,
    manager_id: managerId,
    status: 'active' as const,
    settled_on: null,
  };
  if (!existing) {
    const id = state.ids.loan(row.loanNo);
    // A loan first seen in an older export, missing from a full export made after it, was
    // paid off by then: it comes in as settled on that export's date (its snapshot keeps the older figures).
    const settledBy = state.fullExportDates.find((d) => d > asOf);
    const status = settledBy === undefined ? fields : { ...fields, status: 'settled' as const, settled_on: settledBy };
    plan.loanInserts.push({ id, loan_no: row.loanNo, ...status });
    return { id, status: status.status, current: true };
  }
  // The register is current as of its latest snapshot or settlement. An older export adds
  // history (its snapshot) but never rolls current figures back.
  const last = [state.lastAsOf.get(existing.id), existing.settled_on].filter((d): d is string => !!d).sort().pop();
  if (last !== undefined && asOf < last) {
    plan.unchangedLoans++;
    return { id: existing.id, status: existing.status, current: false };
  }
  // A column the file does not have says nothing about the loan: the register keeps what it knows.
  const patch: RowPatch<'loans'> = { ...fields };
  for (const f of notInFile) delete patch[f];
  if (differs(existing, patch)) plan.loanUpdates.push({ before: existing, patch });
  else plan.unchangedLoans++;
  return { id: existing.id, status: 'active', current: true };
}

function planSnapshot(
  plan: ImportPlan,
  state: RegisterState,
  row: ParsedLoanRow,
  loanId: string,
  asOf: string,
  importId: string | null,
  notInFile: readonly LoanField[],
  managerId: string | null,
): void {
  const figures = {
    balance_fen: row.balanceFen,
    principal_overdue_days: row.principalOverdueDays,
    interest_owed_fen: row.interestOwedFen,
    interest_overdue_days: row.interestOverdueDays,
    risk_class: row.riskClass,
    status: 'active' as const,
  };
  // A figure the file has no column for is the register's (it kept it), not the parser's default.
  const known = state.loansByNo.get(row.loanNo);
  if (known) for (const f of notInFile) if (f in figures) (figures as Record<string, unknown>)[f] = known[f];
  const withManager = { ...figures, manager_id: managerId };
  const existing = state.snapshots.get(snapshotKey(loanId, asOf));
  if (!existing) plan.snapshotInserts.push({ id: state.ids.snapshot(row.loanNo, asOf), loan_id: loanId, as_of: asOf, import_id: importId, ...withManager });
  else if (differs(existing, withManager)) plan.snapshotUpdates.push({ before: existing, patch: { ...withManager, import_id: importId } });
}

function warnSharedId(plan: ImportPlan, fb: Omit<FileBorrower, 'loans'>, otherCustomerNo: string, otherName: string): void {
  plan.warnings.push({
    row: fb.firstRow,
    field: 'residentId',
    message: `身份证号 ${maskResidentId(fb.residentId!)} 也登记在客户号 ${otherCustomerNo}（${otherName}）名下；此行按客户号 ${fb.customerNo}（${fb.name}）另立借款人，请核对核心系统`,
  });
}

function differs(before: object, patch: object, keys: readonly string[] = Object.keys(patch)): boolean {
  const b = before as Record<string, unknown>;
  const p = patch as Record<string, unknown>;
  return keys.some((k) => p[k] !== undefined && (b[k] ?? null) !== (p[k] ?? null));
}
