import { canonicalResidentId } from '../../shared/resident-id';
import type { ParsedLoanRow } from './parsed-file';

/** The borrower columns of a loan row: a borrower is described by the rows that name them. */
type BorrowerFields = 'customerNo' | 'name' | 'nameInitials' | 'namePinyin' | 'residentId' | 'residentIdValid' | 'address' | 'township' | 'village' | 'phones';

/**
 * One borrower as the file describes it, with the loan rows that belong to them. `residentId`
 * is the first valid one among the rows, else the first given; `phones` are all rows' phones.
 */
export interface FileBorrower extends Pick<ParsedLoanRow, BorrowerFields> {
  loans: ParsedLoanRow[];
}

/**
 * Groups loan rows by borrower: the core customer number when the file has one, else a valid
 * resident ID. A row with a mistyped ID joins the borrower of the same name and address, so a
 * wrong ID on one row does not make a second borrower.
 */
export function groupBorrowers(loans: readonly ParsedLoanRow[]): FileBorrower[] {
  const groups = new Map<string, FileBorrower>();
  const byNameAddress = new Map<string, string>();
  const pending: ParsedLoanRow[] = [];

  const add = (key: string, row: ParsedLoanRow) => {
    let group = groups.get(key);
    if (!group) {
      group = {
        customerNo: row.customerNo,
        name: row.name,
        nameInitials: row.nameInitials,
        namePinyin: row.namePinyin,
        residentId: row.residentId,
        residentIdValid: row.residentIdValid,
        address: row.address,
        township: row.township,
        village: row.village,
        phones: [],
        loans: [],
      };
      groups.set(key, group);
      byNameAddress.set(`${row.name}|${row.address}`, key);
    }
    if (!group.residentIdValid && row.residentIdValid) {
      group.residentId = row.residentId;
      group.residentIdValid = true;
    }
    if (!group.address && row.address) group.address = row.address;
    if (!group.village && row.village) {
      group.village = row.village;
      group.township = row.township;
    }
    for (const p of row.phones) if (!group.phones.includes(p)) group.phones.push(p);
    group.loans.push(row);
  };

  for (const row of loans) {
    if (row.customerNo) add(`c:${row.customerNo}`, row);
    else if (row.residentId && row.residentIdValid) add(`i:${canonicalResidentId(row.residentId)}`, row);
    else pending.push(row);
  }
  for (const row of pending) {
    const known = byNameAddress.get(`${row.name}|${row.address}`);
    add(known ?? `n:${row.name}|${row.address}|${row.residentId ?? ''}`, row);
  }
  return [...groups.values()];
}
