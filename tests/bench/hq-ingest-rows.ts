import { changedRows, type RowImage } from '../../electron/backend/sync/changed-rows';
import { closeAppContext, createAppContext } from '../../electron/backend/app-context';
import { schemaVersion } from '../../electron/backend/db/migrator';
import type { BenchWorkspace } from './workspace';

export type BranchTables = Array<{ table: string; rows: RowImage[] }>;

/** The real row images a branch sends (a demo database's changedRows), and the schema version its packages name. */
export interface RowSource {
  schemaVersion: string;
  byTable: Map<string, RowImage[]>;
}

export async function demoRowSource(ws: BenchWorkspace, loans: number): Promise<RowSource> {
  const { file } = await ws.demoDatabase(loans);
  const app = await createAppContext(file);
  try {
    const changed = await changedRows(app.db, 'branch', 0);
    return { schemaVersion: await schemaVersion(app.db), byTable: new Map(changed.tables.map((t) => [t.table, t.rows as RowImage[]])) };
  } finally {
    await closeAppContext(app);
  }
}

/** Another branch's id for a demo id: UUIDs keep their shape, the branch goes into the leading 8 hex digits. */
const branchId = (branch: number, id: unknown) => (typeof id === 'string' && id.length === 36 ? branch.toString(16).padStart(8, '0') + id.slice(8) : id);

const ID_COLUMNS = ['id', 'loan_id', 'manager_id', 'file_id', 'batch_id', 'staff_id', 'borrower_id', 'reviewed_by', 'inspection_id', 'receipt_by'];

function asBranch(branch: number, row: RowImage): RowImage {
  const out: RowImage = { ...row };
  for (const c of ID_COLUMNS) if (c in out) out[c] = branchId(branch, out[c]);
  return out;
}

/** `n` rows of `pool` from a branch's own offset, wrapping around. */
function windowOf<T>(pool: readonly T[], branch: number, n: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < n && pool.length > 0; i++) out.push(pool[(branch * 211 + i) % pool.length]);
  return out;
}

const pick = <T>(values: readonly T[], i: number): T => values[i % values.length];
const day = (base: string, plus: number) => new Date(Date.parse(base) + plus * 86_400_000).toISOString().slice(0, 10);
const uuidFrom = (id: string, tag: string) => `${id.slice(0, 24)}${tag}${id.slice(24 + tag.length)}`;

/**
 * The rows the demo does not make, shaped like their tables (electron/backend/db/schema.ts) and
 * tied to the demo's loans, files and staff: contacts with promises, issued notices with their
 * printed figures, and the checklist cells of archive files.
 */
function contactOf(a: RowImage, i: number): RowImage {
  const on = day(String(a.valid_from), 400 + (i % 300));
  const promise = i % 4 === 0;
  return {
    id: uuidFrom(String(a.id), 'c0'),
    borrower_id: uuidFrom(String(a.loan_id), 'b0'),
    loan_id: a.loan_id,
    contacted_at: `${on} ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
    way: pick(['phone', 'visit', 'sms', 'phone', 'letter'], i),
    reached: pick(['self', 'family', 'none', 'self', 'guarantor'], i),
    outcome: pick(['承诺月底前还款', '无人接听', '家属转告', '已到期未还，外出务工', ''], i),
    promise_on: promise ? day(on, 20) : null,
    promise_fen: promise ? 100_000 + (i % 50) * 10_000 : null,
    follow_up_on: day(on, 7),
    note: i % 3 === 0 ? '借款人表示秋收后一次性归还本息' : '',
    staff_id: a.manager_id,
    sms_message_id: null,
    created_at: a.created_at,
    updated_at: a.updated_at,
  };
}

function noticeOf(a: RowImage, i: number): RowImage {
  const seq = 1 + i;
  const noticeNo = `2026-${String(seq).padStart(6, '0')}`;
  const kind = pick(['reminder', 'overdue', 'guarantor', 'confirmation'], i);
  const issuedOn = day('2026-03-01', i % 240);
  const figures = {
    kind,
    noticeNo,
    scanCode: `N${noticeNo.replace('-', '')}`,
    addressee: pick(['王建军', '李秀英', '张伟', '刘桂兰'], i),
    addresseeRole: kind === 'guarantor' ? 'guarantor' : 'borrower',
    borrowerName: pick(['王建军', '李秀英', '张伟', '刘桂兰'], i),
    maskedId: `141124********${String(1000 + (i % 9000))}`,
    loanNo: `8010${String(1_000_000 + i)}`,
    contractNo: `晋农信借字2021第${String(10_000 + i)}号`,
    disbursedOn: a.valid_from,
    maturityOn: day(String(a.valid_from), 365),
    contractAmountFen: 5_000_000,
    balanceFen: 3_200_000 + (i % 100) * 1_000,
    overduePrincipalFen: i % 2 === 0 ? 3_200_000 : 0,
    interestOwedFen: 45_000 + (i % 90) * 100,
    principalOverdueDays: i % 400,
    asOf: '2026-11-20',
    issuedOn,
    managerName: '郝妮芳',
    managerPhone: '13800000000',
  };
  return {
    id: uuidFrom(String(a.id), 'n0'),
    batch_id: uuidFrom(String(a.manager_id), 'nb'),
    kind,
    year: 2026,
    seq,
    notice_no: noticeNo,
    scan_code: figures.scanCode,
    loan_id: a.loan_id,
    borrower_id: uuidFrom(String(a.loan_id), 'b0'),
    addressee: figures.addressee,
    addressee_role: figures.addresseeRole,
    as_of: figures.asOf,
    issued_on: issuedOn,
    figures_json: JSON.stringify(figures),
    status: pick(['issued', 'issued', 'issued', 'cancelled', 'printing'], i),
    cancel_reason: '',
    delivery: pick(['sent', 'delivered', 'delivered', 'returned'], i),
    delivery_note: '',
    receipt_on: i % 3 === 0 ? day(issuedOn, 5) : null,
    receipt_signer: i % 3 === 0 ? figures.addressee : '',
    receipt_by: i % 3 === 0 ? a.manager_id : null,
    staff_id: a.manager_id,
    created_at: a.created_at,
    updated_at: a.updated_at,
  };
}

function documentsOf(f: RowImage, i: number): RowImage[] {
  return ['d1', 'd2', 'd3'].map((tag, k) => ({
    id: uuidFrom(String(f.id), tag),
    file_id: f.id,
    doc_type_id: `0a000000-0000-7000-8000-00000000000${k + 1}`,
    state: pick(['present', 'present', 'missing', 'na'], i + k),
    pages: 1 + ((i + k) % 6),
    created_at: f.created_at,
    updated_at: f.updated_at,
  }));
}

/**
 * Branch `branch`'s work as one package carries it, about `rows` rows: assignments, archive files
 * and inspection tasks as the demo wrote them, contacts and notices about its loans, three
 * checklist cells per archive file, its staff; every id made the branch's own.
 */
export function branchTables(source: RowSource, branch: number, rows: number): BranchTables {
  const pool = (t: string) => source.byTable.get(t) ?? [];
  const share = (f: number) => Math.max(1, Math.round(rows * f));
  const assignments = windowOf(pool('loan_assignments'), branch, share(0.2));
  const files = windowOf(pool('archive_files'), branch, share(0.1));
  const tables: BranchTables = [
    { table: 'staff', rows: pool('staff') },
    { table: 'loan_assignments', rows: assignments },
    { table: 'contacts', rows: windowOf(pool('loan_assignments'), branch + 7, share(0.2)).map(contactOf) },
    { table: 'notices', rows: windowOf(pool('loan_assignments'), branch + 13, share(0.1)).map(noticeOf) },
    { table: 'archive_files', rows: files },
    { table: 'archive_documents', rows: files.flatMap(documentsOf) },
    { table: 'inspection_tasks', rows: windowOf(pool('inspection_tasks'), branch, share(0.1)) },
  ];
  return tables.map(({ table, rows: images }) => ({
    table,
    rows: images.map((r) => asBranch(branch, r)).sort((a, b) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0)),
  }));
}
