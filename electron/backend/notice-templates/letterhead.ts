import { documentBranchName } from '../../shared/document-number';
import type { Letterhead } from '../../shared/notices';
import type { WriteContext } from '../changelog/write-context';
import { readSettings, writeSetting } from '../auth/settings';
import type { ReadDb } from '../db/read-db';

/** The bank's name on paper while an admin has set none. */
export const DEFAULT_BANK_NAME = '农村商业银行';

/**
 * Bank and branch as they head every notice (settings); '' for what is not set. Without a bank
 * name set, the bank is the part of the branch's name before the branch itself (临县农商银行 of
 * 临县农商银行白文支行), else the default.
 */
export async function readLetterhead(db: ReadDb): Promise<Letterhead> {
  const s = await readSettings(db);
  const branchName = s.branch_name?.trim() ?? '';
  const own = documentBranchName(branchName);
  const bankInBranch = own !== branchName ? branchName.slice(0, branchName.length - own.length) : '';
  return {
    bankName: s.bank_name?.trim() || bankInBranch || DEFAULT_BANK_NAME,
    branchName,
    address: s.branch_address?.trim() ?? '',
    phone: s.branch_phone?.trim() ?? '',
  };
}

/** The branch without its bank: 白文支行 when the branch is set up as 临县农商银行白文支行 and the bank as 临县农商银行. */
export function branchOwnName(l: Letterhead): string {
  return l.bankName && l.branchName.startsWith(l.bankName) && l.branchName.length > l.bankName.length ? l.branchName.slice(l.bankName.length) : l.branchName;
}

/** Bank and branch as one name (`临县农商银行白文支行`), the bank not written twice. */
export function organisationName(l: Letterhead): string {
  return l.branchName.startsWith(l.bankName) ? l.branchName : `${l.bankName}${l.branchName}`;
}

/** Stores the letterhead (already validated and normalised); unchanged settings are not rewritten. */
export async function writeLetterhead(w: WriteContext, l: Letterhead): Promise<void> {
  await writeSetting(w, 'bank_name', l.bankName);
  await writeSetting(w, 'branch_name', l.branchName);
  await writeSetting(w, 'branch_address', l.address);
  await writeSetting(w, 'branch_phone', l.phone);
}
