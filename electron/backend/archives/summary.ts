import { sql } from 'kysely';
import { ARCHIVE_STATUSES, type ArchiveStatus } from '../../shared/archive';
import type { ArchiveOverdueFile, ArchiveSummary } from '../../shared/api/archives';
import { readTransaction, type ReadDb } from '../db/read-db';
import { tablesVersion } from '../changelog/table-versions';
import { OVERDUE_FILE } from './file-rows';

/** What the summary is read from: while none of these tables changes, neither does the summary of a date. */
const SUMMARY_TABLES = ['archive_files', 'loan_assignments', 'staff', 'settings'];

/** The last summary per database, under the tables' version and its date: the page asks again after every change elsewhere. */
const cache = new WeakMap<ReadDb, { version: number; asOf: string; summary: ArchiveSummary }>();

/** Counts by status and the overdue files per manager, from one snapshot (kept until one of its tables changes). */
export async function archiveSummary(db: ReadDb, asOf: string): Promise<ArchiveSummary> {
  return readTransaction(db, async (trx) => {
    const version = await tablesVersion(trx, SUMMARY_TABLES);
    const cached = cache.get(db);
    if (cached && cached.version === version && cached.asOf === asOf) return cached.summary;
    const summary = await readSummary(trx, asOf);
    cache.set(db, { version, asOf, summary });
    return summary;
  });
}

async function readSummary(trx: ReadDb, asOf: string): Promise<ArchiveSummary> {
  const [byStatus, byManager, cutover] = await Promise.all([
    sql<{ status: ArchiveStatus; n: number }>`select status, count(*) as n from archive_files group by status`.execute(trx),
    sql<{ manager_id: string | null; manager: string | null; n: number }>`
      select cm.manager_id, s.display_name as manager, count(*) as n
      from archive_files f
      left join current_loan_managers cm on cm.loan_id = f.loan_id
      left join staff s on s.id = cm.manager_id
      where ${OVERDUE_FILE(asOf)}
      group by cm.manager_id
      order by n desc, manager`.execute(trx),
    trx.selectFrom('settings').select('value').where('key', '=', 'archive_cutover_date').executeTakeFirst(),
  ]);
  const counts = Object.fromEntries(ARCHIVE_STATUSES.map((s) => [s, 0])) as Record<ArchiveStatus, number>;
  for (const r of byStatus.rows) counts[r.status] = Number(r.n);
  const overdueByManager = byManager.rows.map((r) => ({ managerId: r.manager_id, manager: r.manager, files: Number(r.n) }));
  return {
    asOf,
    byStatus: counts,
    overdue: overdueByManager.reduce((sum, m) => sum + m.files, 0),
    overdueByManager,
    cutoverDate: cutover?.value || null,
  };
}

/** Every overdue file, by deadline then loan number (a manager's, or those without one, when asked). */
export async function overdueFiles(db: ReadDb, asOf: string, managerId?: string | null): Promise<ArchiveOverdueFile[]> {
  const manager = managerId === undefined ? sql`` : managerId === null ? sql`and cm.manager_id is null` : sql`and cm.manager_id = ${managerId}`;
  const { rows } = await sql<{ id: string; loan_no: string; borrower: string; manager: string | null; due_on: string; status: ArchiveStatus }>`
    select f.id, l.loan_no, b.name as borrower, s.display_name as manager, f.due_on, f.status
    from archive_files f
    join loans l on l.id = f.loan_id
    join borrowers b on b.id = l.borrower_id
    left join current_loan_managers cm on cm.loan_id = f.loan_id
    left join staff s on s.id = cm.manager_id
    where ${OVERDUE_FILE(asOf)} ${manager}
    order by f.due_on, l.loan_no`.execute(db);
  return rows.map((r) => ({ fileId: r.id, loanNo: r.loan_no, borrower: r.borrower, manager: r.manager, dueOn: r.due_on, status: r.status }));
}

