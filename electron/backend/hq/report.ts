import { handoversPastDeadline } from './handovers-past-deadline';
import type { HqDb } from './hq-db';

export interface BranchReport {
  code: string;
  name: string;
  lastSeq: number;
  /** From the branch's latest import summary; null until a package has brought one. */
  asOf: string | null;
  loans: number | null;
  overdueLoans: number | null;
  notices: number;
  receipts: number;
  archiveByStatus: Record<string, number>;
  overdueHandovers: number;
}

/** The whole bank at a glance, one line per registered branch (the consolidated views of migrations/hq). */
export async function branchReport(db: HqDb): Promise<BranchReport[]> {
  const branches = await db.selectFrom('hq_branches').select(['code', 'name']).orderBy('code').execute();
  const [packages, books, notices, archive, overdue] = await Promise.all([
    db.selectFrom('hq_last_package').selectAll().execute(),
    db.selectFrom('hq_latest_book').selectAll().execute(),
    db.selectFrom('hq_notice_counts').selectAll().execute(),
    db.selectFrom('hq_archive_status').selectAll().execute(),
    handoversPastDeadline(db).select(['branch_code']).select((eb) => eb.fn.countAll<number>().as('files')).groupBy('branch_code').execute(),
  ]);
  const by = <T extends { branch_code: string }>(rows: T[]) => new Map(rows.map((r) => [r.branch_code, r]));
  const [pk, bk, nt, od] = [by(packages), by(books), by(notices), by(overdue)];
  return branches.map(({ code, name }) => {
    const book = bk.get(code)?.book ?? null;
    return {
      code,
      name,
      lastSeq: pk.get(code)?.last_seq ?? 0,
      asOf: bk.get(code)?.as_of ?? null,
      loans: typeof book?.loans === 'number' ? book.loans : null,
      overdueLoans: typeof book?.overdueLoans === 'number' ? book.overdueLoans : null,
      notices: nt.get(code)?.issued ?? 0,
      receipts: nt.get(code)?.receipts ?? 0,
      archiveByStatus: Object.fromEntries(archive.filter((a) => a.branch_code === code).map((a) => [a.status, a.files])),
      overdueHandovers: od.get(code)?.files ?? 0,
    };
  });
}

