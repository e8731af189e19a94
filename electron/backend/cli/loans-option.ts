import type { AppContext } from '../app-context';
import { AppError } from '../rpc/app-error';
import { CliUsageError, requireString, type CliValues } from './command';

/** `--loans A01,A02,…` (full-width commas too): the loan numbers, each named once. */
export function loanNosOption(values: CliValues): string[] {
  const loanNos = requireString(values, 'loans')
    .split(/[,，]/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (loanNos.length === 0) throw new CliUsageError('--loans 后面应写借据号，用逗号分隔');
  if (new Set(loanNos).size !== loanNos.length) throw new CliUsageError('--loans 中有重复的借据号');
  return loanNos;
}

/** The archive files of those loans, in the order given; unknown numbers, or loans without a file, are named in the error. */
export async function archiveFileIds(app: AppContext, loanNos: readonly string[]): Promise<string[]> {
  const rows = await app.db
    .selectFrom('loans as l')
    .leftJoin('archive_files as f', 'f.loan_id', 'l.id')
    .select(['l.loan_no', 'f.id as file_id'])
    .where('l.loan_no', 'in', [...loanNos])
    .execute();
  const byNo = new Map(rows.map((r) => [r.loan_no, r.file_id]));
  const unknown = loanNos.filter((no) => !byNo.has(no));
  if (unknown.length > 0) throw new AppError('NOT_FOUND', `找不到借据号：${unknown.join('、')}`, `archive: unknown loan numbers ${unknown.join(', ')}`);
  const withoutFile = loanNos.filter((no) => byNo.get(no) === null);
  if (withoutFile.length > 0) {
    throw new AppError('NOT_FOUND', `这些贷款没有放款日期，尚无档案：${withoutFile.join('、')}`, `archive: loans without a file ${withoutFile.join(', ')}`);
  }
  return loanNos.map((no) => byNo.get(no)!);
}
