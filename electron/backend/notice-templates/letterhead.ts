import type { Letterhead } from '../../shared/notices';
import type { WriteContext } from '../changelog/write-context';
import { readSettings, writeSetting } from '../auth/settings';
import type { ReadDb } from '../db/read-db';

/** The bank's name on paper while an admin has set none. */
export const DEFAULT_BANK_NAME = '农村商业银行';

/** Bank and branch as they head every notice (settings); '' for what is not set, the default bank name when none is. */
export async function readLetterhead(db: ReadDb): Promise<Letterhead> {
  const s = await readSettings(db);
  return {
    bankName: s.bank_name?.trim() || DEFAULT_BANK_NAME,
    branchName: s.branch_name?.trim() ?? '',
    address: s.branch_address?.trim() ?? '',
    phone: s.branch_phone?.trim() ?? '',
  };
}

/** Stores the letterhead (already validated and normalised); unchanged settings are not rewritten. */
export async function writeLetterhead(w: WriteContext, l: Letterhead): Promise<void> {
  await writeSetting(w, 'bank_name', l.bankName);
  await writeSetting(w, 'branch_name', l.branchName);
  await writeSetting(w, 'branch_address', l.address);
  await writeSetting(w, 'branch_phone', l.phone);
}
