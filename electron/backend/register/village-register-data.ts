import type { RegisterLoanRow } from '../../shared/api/register';
import { maskResidentId } from '../../shared/resident-id';

/** Everything a printed or exported village register shows; built by one query, used by both. */
export interface VillageRegisterData {
  branchName: string;
  township: string;
  village: string;
  /** Latest as-of date of the loans shown (YYYY-MM-DD), or null when unknown. */
  asOf: string | null;
  /** Local date-time the document was made, e.g. '2026-11-25 14:03'. */
  generatedAt: string;
  /** When true, resident IDs are already masked in `households`. */
  idsMasked: boolean;
  /** How the rows were chosen beyond the village (当前视图：已筛选…), or null for the whole register. */
  viewNote: string | null;
  households: RegisterHousehold[];
  totals: {
    households: number;
    loans: number;
    balanceFen: number;
    /** Unknown amounts (null) count as 0, as in the grid's footer. */
    contractAmountFen: number;
    interestOwedFen: number;
    overdueLoans: number;
    overdueBalanceFen: number;
  };
}

export interface RegisterHousehold {
  name: string;
  residentId: string;
  phones: string[];
  address: string;
  whereabouts: string;
  contactName: string;
  contactPhone: string;
  notes: string;
  managerName: string;
  loans: RegisterLoan[];
}

/** The loan columns a printed register shows: the grid's, fewer of them. */
export type RegisterLoan = Pick<
  RegisterLoanRow,
  | 'loanNo'
  | 'product'
  | 'guaranteeType'
  | 'disbursedOn'
  | 'maturityOn'
  | 'contractAmountFen'
  | 'balanceFen'
  | 'principalOverdueDays'
  | 'interestOwedFen'
  | 'riskClass'
>;

/** A household's columns from a register row of its first loan (the ID masked unless the export may show it). */
export function householdCells(
  row: { name: string; residentId: string | null; phones: string | null; address: string; whereabouts: string; contactName: string; contactPhone: string; notes: string; managerName: string | null },
  maskIds: boolean,
): Omit<RegisterHousehold, 'loans'> {
  return {
    name: row.name,
    residentId: maskIds ? maskResidentId(row.residentId ?? '') : (row.residentId ?? ''),
    phones: row.phones ? row.phones.split(' / ') : [],
    address: row.address,
    whereabouts: row.whereabouts,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    notes: row.notes,
    managerName: row.managerName ?? '',
  };
}
