import { sql, type RawBuilder } from 'kysely';
import { OPEN_STATUSES, type ArchiveDocState, type ArchiveStatus } from '../../shared/archive';
import type { ArchiveCell, ArchiveDocTypeView, ArchiveFileRow, ArchiveQuery } from '../../shared/api/archives';
import type { ReadDb } from '../db/read-db';
import { likeEscape } from '../db/like-pattern';
import type { RuleBook } from './required-documents';

/**
 * The archive grid as SQL over `archive_files f` with `l` (loan), `b` (borrower), `v` (village),
 * `cm` (current manager) and `s` (the manager's staff row). Only these expressions are put into
 * a query, never input text.
 */
const FROM = sql.raw(`from archive_files f
  join loans l on l.id = f.loan_id
  join borrowers b on b.id = l.borrower_id
  left join villages v on v.id = b.village_id
  left join current_loan_managers cm on cm.loan_id = l.id
  left join staff s on s.id = cm.manager_id`);

const OPEN_SQL = sql.raw(`(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`);

/** Overdue as of `asOf`: not yet handed over, past the deadline. */
export const OVERDUE_FILE = (asOf: string) => sql`(f.status in ${OPEN_SQL} and f.due_on < ${asOf})`;

function conditions(q: ArchiveQuery, asOf: string): RawBuilder<unknown>[] {
  const conds: RawBuilder<unknown>[] = [];
  if (q.status === 'overdue') conds.push(OVERDUE_FILE(asOf));
  else if (q.status !== undefined) conds.push(sql`f.status = ${q.status}`);
  if (q.managerId === null) conds.push(sql`cm.manager_id is null`);
  else if (q.managerId !== undefined) conds.push(sql`cm.manager_id = ${q.managerId}`);
  if (q.villageId !== undefined) conds.push(sql`b.village_id = ${q.villageId}`);
  if (q.disbursedMonth !== undefined) conds.push(sql`f.disbursed_on between ${`${q.disbursedMonth}-01`} and ${`${q.disbursedMonth}-31`}`);
  if (q.search !== undefined && q.search !== '') {
    const pattern = `${likeEscape(q.search)}%`;
    conds.push(sql`(l.loan_no like ${pattern} escape '\\' or b.name like ${pattern} escape '\\')`);
  }
  return conds;
}

const where = (conds: RawBuilder<unknown>[]) => (conds.length === 0 ? sql`` : sql`where ${sql.join(conds, sql` and `)}`);

/**
 * Files still to be worked on come most urgent first (deadline ascending); the whole archive and
 * the files already gone come newest first. rowid breaks ties, so pages are stable and an index
 * on the deadline serves the order.
 */
function order(q: ArchiveQuery) {
  const urgentFirst = q.status === 'overdue' || (q.status !== undefined && (OPEN_STATUSES as readonly string[]).includes(q.status));
  return urgentFirst ? sql.raw('order by f.due_on asc, f.rowid asc') : sql.raw('order by f.due_on desc, f.rowid desc');
}

interface FileSqlRow {
  id: string;
  loan_id: string;
  borrower_id: string;
  loan_no: string;
  borrower: string;
  village: string | null;
  manager: string | null;
  product: string;
  guarantee_type: string;
  disbursed_on: string;
  due_on: string;
  status: ArchiveStatus;
  status_note: string;
  backlog: number;
  updated_at: number;
}

const COLUMNS = sql.raw(`f.id, f.loan_id, b.id as borrower_id, l.loan_no, b.name as borrower, v.name as village, s.display_name as manager,
  l.product, l.guarantee_type, f.disbursed_on, f.due_on, f.status, f.status_note, f.backlog, f.updated_at`);

export async function countFiles(db: ReadDb, q: ArchiveQuery, asOf: string): Promise<number> {
  const conds = conditions(q, asOf);
  // Without a filter on them, the joins are not needed to count.
  const from = conds.length === 0 || (q.managerId === undefined && q.villageId === undefined && (q.search ?? '') === '') ? sql.raw('from archive_files f') : FROM;
  const { rows } = await sql<{ n: number }>`select count(*) as n ${from} ${where(conds)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export async function pageOfFiles(db: ReadDb, q: ArchiveQuery, asOf: string, offset: number, limit: number, rules: RuleBook): Promise<ArchiveFileRow[]> {
  const { rows } = await sql<FileSqlRow>`select ${COLUMNS} ${FROM} ${where(conditions(q, asOf))} ${order(q)} limit ${limit} offset ${offset}`.execute(db);
  return withCells(db, rows, asOf, rules);
}

/** The rows of some files by id (after a change), in the order given. */
export async function filesById(db: ReadDb, fileIds: readonly string[], asOf: string, rules: RuleBook): Promise<ArchiveFileRow[]> {
  if (fileIds.length === 0) return [];
  const { rows } = await sql<FileSqlRow>`select ${COLUMNS} ${FROM} where f.id in (${sql.join(fileIds)})`.execute(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return withCells(
    db,
    fileIds.map((id) => byId.get(id)).filter((r): r is FileSqlRow => r !== undefined),
    asOf,
    rules,
  );
}

interface DocSqlRow {
  file_id: string;
  doc_type_id: string;
  state: ArchiveDocState;
  pages: number | null;
  updated_at: number;
}

async function withCells(db: ReadDb, rows: readonly FileSqlRow[], asOf: string, rules: RuleBook): Promise<ArchiveFileRow[]> {
  const docs =
    rows.length === 0
      ? []
      : await db
          .selectFrom('archive_documents')
          .select(['file_id', 'doc_type_id', 'state', 'pages', 'updated_at'])
          .where(
            'file_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
  const byFile = new Map<string, DocSqlRow[]>();
  for (const d of docs) byFile.set(d.file_id, [...(byFile.get(d.file_id) ?? []), d]);
  return rows.map((r) => fileRow(r, byFile.get(r.id) ?? [], asOf, rules));
}

function fileRow(r: FileSqlRow, docs: readonly DocSqlRow[], asOf: string, rules: RuleBook): ArchiveFileRow {
  const required = rules.required(r.product, r.guarantee_type);
  const cells: Record<string, ArchiveCell> = {};
  for (const typeId of required) cells[typeId] = { state: null, pages: null, required: true };
  let version = r.updated_at;
  let pages = 0;
  for (const d of docs) {
    cells[d.doc_type_id] = { state: d.state, pages: d.pages, required: required.has(d.doc_type_id) };
    version = Math.max(version, d.updated_at);
    if (d.state === 'present') pages += d.pages ?? 0;
  }
  const missing = [...required].filter((t) => cells[t].state !== 'present' && cells[t].state !== 'na').length;
  return {
    fileId: r.id,
    loanId: r.loan_id,
    borrowerId: r.borrower_id,
    loanNo: r.loan_no,
    borrower: r.borrower,
    village: r.village,
    manager: r.manager,
    product: r.product,
    guaranteeType: r.guarantee_type,
    disbursedOn: r.disbursed_on,
    dueOn: r.due_on,
    status: r.status,
    statusNote: r.status_note,
    overdue: (OPEN_STATUSES as readonly string[]).includes(r.status) && r.due_on < asOf,
    backlog: r.backlog === 1,
    missing,
    pages,
    cells,
    updatedAt: version,
  };
}

export async function activeDocTypes(db: ReadDb): Promise<ArchiveDocTypeView[]> {
  const rows = await db.selectFrom('archive_doc_types').select(['id', 'name', 'sort_order', 'active']).where('active', '=', 1).orderBy('sort_order').orderBy('name').execute();
  return rows.map((t) => ({ id: t.id, name: t.name, sortOrder: t.sort_order, active: t.active === 1 }));
}
