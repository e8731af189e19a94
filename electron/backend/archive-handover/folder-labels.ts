import { sql } from 'kysely';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import { fitsCode128, type FolderLabel } from './labels-html';
import { listLoanNos } from '../archives/loan-nos';

/**
 * The labels of the files asked for, in the order asked. Refused whole when a file is gone, or
 * when a loan number has characters Code 128 cannot carry (the scanner would type them wrong).
 */
export async function readFolderLabels(db: ReadDb, fileIds: readonly string[]): Promise<FolderLabel[]> {
  const { rows } = await sql<{ id: string; loan_no: string; borrower: string; village: string | null }>`
    select f.id, l.loan_no, b.name as borrower, v.name as village
    from archive_files f
    join loans l on l.id = f.loan_id
    join borrowers b on b.id = l.borrower_id
    left join villages v on v.id = b.village_id
    where f.id in (select value from json_each(${JSON.stringify(fileIds)}))`.execute(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = fileIds.filter((id) => !byId.has(id));
  if (missing.length > 0) throw new AppError('NOT_FOUND', `有 ${missing.length} 份档案不存在，请刷新后重试。`, `archive labels: ${missing.length} file(s) not found`);
  const labels = fileIds.map((id) => {
    const r = byId.get(id)!;
    return { loanNo: r.loan_no, borrower: r.borrower, village: r.village ?? '' };
  });
  const unscannable = labels.filter((l) => !fitsCode128(l.loanNo)).map((l) => l.loanNo);
  if (unscannable.length > 0) {
    throw new AppError(
      'BAD_INPUT',
      `以下借据号含有条形码（Code 128）无法表示的字符（如汉字或全角字符），不能打印标签：${listLoanNos(unscannable)}。`,
      `archive labels: ${unscannable.length} loan number(s) not printable ASCII`,
    );
  }
  return labels;
}
