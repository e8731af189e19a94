/**
 * The branch as a document number names it: `白文支行` in `白文支行催字〔2026〕第0001号`, also when the
 * branch is set up under its full name (`临县农商银行白文支行`, `山西临县农村商业银行股份有限公司白文支行`):
 * what follows the bank's name. A name without a bank in it is used whole; none at all reads 支行.
 */
export function documentBranchName(branchName: string | null | undefined): string {
  const name = (branchName ?? '').trim();
  if (name === '') return '支行';
  const bank = /(银行(股份有限公司|有限责任公司|有限公司)?|农商行|信用联社|联社|公司)/g;
  let end = 0;
  for (const m of name.matchAll(bank)) end = m.index + m[0].length;
  const rest = name.slice(end).trim();
  return rest === '' ? name : rest;
}
