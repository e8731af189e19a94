import { sql, type RawBuilder } from 'kysely';
import type { NoticeRegisterPage, NoticeView } from '../../shared/api/notices';
import type { NoticeFigures } from '../../shared/notices';
import type { ReadDb } from '../db/read-db';
import { likeEscape } from '../db/like-pattern';

export interface RegisterFilter {
  kind?: string;
  status?: string;
  delivery?: string;
  villageId?: string;
  loanId?: string;
  from?: string;
  to?: string;
  text?: string;
  offset: number;
  limit: number;
}

interface NoticeRow {
  id: string;
  batch_id: string;
  kind: NoticeView['kind'];
  notice_no: string;
  scan_code: string;
  loan_id: string;
  loan_no: string;
  borrower_name: string;
  village: string | null;
  addressee: string;
  addressee_role: NoticeView['addresseeRole'];
  as_of: string;
  issued_on: string;
  issued_by: string;
  created_at: number;
  status: NoticeView['status'];
  cancel_reason: string;
  delivery: NoticeView['delivery'];
  delivery_note: string;
  receipt_on: string | null;
  receipt_signer: string;
  pdf_path: string | null;
  sha256: string | null;
  figures_json: string;
  updated_at: number;
}

const FROM = sql`
  from notices n
  join loans l on l.id = n.loan_id
  join borrowers b on b.id = n.borrower_id
  left join villages v on v.id = b.village_id
  join notice_batches nb on nb.id = n.batch_id
  left join staff s on s.id = n.staff_id`;

function conditions(f: RegisterFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (f.kind) parts.push(sql`n.kind = ${f.kind}`);
  if (f.status) parts.push(sql`n.status = ${f.status}`);
  if (f.delivery) parts.push(sql`n.delivery = ${f.delivery}`);
  if (f.villageId) parts.push(sql`b.village_id = ${f.villageId}`);
  if (f.loanId) parts.push(sql`n.loan_id = ${f.loanId}`);
  if (f.from) parts.push(sql`n.issued_on >= ${f.from}`);
  if (f.to) parts.push(sql`n.issued_on <= ${f.to}`);
  if (f.text) {
    const like = `%${likeEscape(f.text)}%`;
    parts.push(
      sql`(n.notice_no like ${like} escape '\\' or n.scan_code like ${like.toUpperCase()} escape '\\' or l.loan_no like ${like} escape '\\'
        or b.name like ${like} escape '\\' or n.addressee like ${like} escape '\\')`,
    );
  }
  return sql.join(parts, sql` and `);
}

export function noticeView(r: NoticeRow): NoticeView {
  return {
    id: r.id,
    batchId: r.batch_id,
    kind: r.kind,
    noticeNo: r.notice_no,
    scanCode: r.scan_code,
    loanId: r.loan_id,
    loanNo: r.loan_no,
    borrowerName: r.borrower_name,
    village: r.village,
    addressee: r.addressee,
    addresseeRole: r.addressee_role,
    asOf: r.as_of,
    issuedOn: r.issued_on,
    issuedBy: r.issued_by,
    issuedAt: r.created_at,
    status: r.status,
    cancelReason: r.cancel_reason,
    delivery: r.delivery,
    deliveryNote: r.delivery_note,
    receiptOn: r.receipt_on,
    receiptSigner: r.receipt_signer,
    pdfPath: r.pdf_path,
    sha256: r.sha256,
    figures: JSON.parse(r.figures_json) as NoticeFigures,
    updatedAt: r.updated_at,
  };
}

const COLUMNS = sql`n.id, n.batch_id, n.kind, n.notice_no, n.scan_code, n.loan_id, l.loan_no, b.name as borrower_name, v.name as village,
  n.addressee, n.addressee_role, n.as_of, n.issued_on, coalesce(s.display_name, '') as issued_by, n.created_at, n.status, n.cancel_reason,
  n.delivery, n.delivery_note, n.receipt_on, n.receipt_signer, nb.pdf_path, nb.sha256, n.figures_json, n.updated_at`;

/** The notice register, newest first (then by number), one page at a time with the whole count. */
export async function noticeRegister(db: ReadDb, f: RegisterFilter): Promise<NoticeRegisterPage> {
  const where = conditions(f);
  const [{ rows }, { rows: counted }] = await Promise.all([
    sql<NoticeRow>`select ${COLUMNS} ${FROM} where ${where} order by n.created_at desc, n.kind, n.seq desc limit ${f.limit} offset ${f.offset}`.execute(db),
    sql<{ count: number }>`select count(*) as count ${FROM} where ${where}`.execute(db),
  ]);
  return { rows: rows.map(noticeView), count: counted[0]?.count ?? 0 };
}

/** One notice as the register shows it. */
export async function readNotice(db: ReadDb, id: string): Promise<NoticeView | null> {
  const { rows } = await sql<NoticeRow>`select ${COLUMNS} ${FROM} where n.id = ${id}`.execute(db);
  return rows[0] ? noticeView(rows[0]) : null;
}
