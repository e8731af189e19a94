import { canonicalResidentId } from '../../shared/resident-id';
import type { ParsedLoanRow } from './parsed-file';

/** The borrower columns of a loan row: a borrower is described by the rows that name them. */
type BorrowerFields = 'customerNo' | 'name' | 'nameInitials' | 'namePinyin' | 'residentId' | 'residentIdValid' | 'address' | 'township' | 'village' | 'phones';

/**
 * One borrower as the file describes it, with the loan rows that belong to them. `residentId`
 * is the first valid one among the rows, else the first given; `phones` are all rows' phones;
 * `firstRow` is the file row of their first loan; `key` what groups them (BorrowerGroups.add).
 */
export interface FileBorrower extends Pick<ParsedLoanRow, BorrowerFields> {
  key: string;
  firstRow: number;
  loans: ParsedLoanRow[];
}

/**
 * Groups loan rows by borrower: the core customer number when the file has one, else a valid
 * resident ID. A row with a mistyped ID joins the borrower of the same name and address, so a
 * wrong ID on one row does not make a second borrower.
 */
export function groupBorrowers(loans: readonly ParsedLoanRow[]): FileBorrower[] {
  const groups = new BorrowerGroups(true);
  for (const row of loans) groups.add(row);
  return groups.finish();
}

/**
 * groupBorrowers a row at a time, for a file read in batches (stream-first-import.ts). A row with
 * a customer number or a valid ID belongs to its group at once (add returns the group's key); the
 * others can only be placed once the whole file is read, so they wait for finish(). Without
 * `keepLoans`, a group's `loans` holds only those waiting rows.
 */
export class BorrowerGroups {
  private readonly groups = new Map<string, FileBorrower>();
  private readonly byNameAddress = new Map<string, string>();
  private readonly pending: ParsedLoanRow[] = [];

  constructor(private readonly keepLoans: boolean) {}

  /** The key of the row's group (`c:` customer number, `i:` ID), or null: it waits for finish(). */
  add(row: ParsedLoanRow): string | null {
    const key = row.customerNo ? `c:${row.customerNo}` : row.residentId && row.residentIdValid ? `i:${canonicalResidentId(row.residentId)}` : null;
    if (key === null) this.pending.push(row);
    else this.join(key, row, this.keepLoans);
    return key;
  }

  /** Places the waiting rows and returns the groups, in the order of their first row (waiting rows' own groups last). */
  finish(): FileBorrower[] {
    for (const row of this.pending) {
      const known = this.byNameAddress.get(`${row.name}|${row.address}`);
      this.join(known ?? `n:${row.name}|${row.address}|${row.residentId ?? ''}`, row, true);
    }
    this.pending.length = 0;
    return [...this.groups.values()];
  }

  private join(key: string, row: ParsedLoanRow, keepRow: boolean): void {
    let group = this.groups.get(key);
    if (!group) {
      group = {
        key,
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
        firstRow: row.row,
        loans: [],
      };
      this.groups.set(key, group);
      this.byNameAddress.set(`${row.name}|${row.address}`, key);
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
    if (keepRow) group.loans.push(row);
  }
}
