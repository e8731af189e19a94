import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { signedInApp, signInAs } from '../../helpers/signed-in-app';
import { importBranch, readIds, type BranchLoan, type Call, type Ids } from '../assignment/assignment-fixture';

/** Callers signed in as a staff member; `login` gives an existing or new staff member a login first. */
export interface StaffApp {
  app: AppContext;
  call: Call;
  login: (name: string, username: string, role?: 'manager' | 'clerk' | 'head') => Promise<Call>;
  ids: () => Promise<Ids>;
  close: () => Promise<void>;
}

export async function staffApp(file: string): Promise<StaffApp> {
  const { app, call } = await signedInApp(file);
  const login = async (name: string, username: string, role: 'manager' | 'clerk' | 'head' = 'manager'): Promise<Call> => {
    const existing = await app.db.selectFrom('staff').select('id').where('display_name', '=', name).executeTakeFirst();
    if (existing) await call('staff.setLogin', { staffId: existing.id, username, password: 'pass-word-1' });
    else await call('staff.create', { username, displayName: name, password: 'pass-word-1', role });
    return signInAs(app, username);
  };
  return { app, call, login, ids: () => readIds(app), close: () => closeAppContext(app) };
}

const l = (customerNo: string, loanNo: string, balanceYuan: number, overdueDays: number, manager: string, village: BranchLoan['village'] = '刘家会村', riskClass: BranchLoan['riskClass'] = '正常'): BranchLoan => ({
  customerNo,
  name: `户${customerNo}`,
  village,
  loanNo,
  balanceYuan,
  overdueDays,
  riskClass,
  manager,
});

/**
 * The board's month is 2026-11. Imports (full exports) on 2026-10-15 (a stale one: only the last
 * before the month counts), 2026-10-31 (the baseline), 2026-11-15 and 2026-11-30 (the month's end).
 * From the 11-15 import on, T3 is 李经理's (imports may overwrite assignments here, so its
 * assignment starts on 11-15 and the month's snapshots record 李经理); on the baseline it was 王经理's.
 */
export const OCT_15: BranchLoan[] = [
  l('C1', 'T1', 10_000, 40, '王经理'),
  l('C2', 'T2', 8_000, 100, '王经理'),
  l('C3', 'T3', 5_000, 20, '王经理'),
  l('C4', 'T4', 7_000, 200, '李经理', '城庄村'),
  l('C5', 'T5', 9_000, 30, '李经理', '城庄村'),
  l('C6', 'T6', 4_000, 0, '李经理', '城庄村'),
  l('C7', 'T7', 9_000, 50, '李经理', '城庄村'),
];
export const OCT_31: BranchLoan[] = [
  l('C1', 'T1', 10_000, 40, '王经理'),
  l('C2', 'T2', 8_000, 100, '王经理'),
  l('C3', 'T3', 5_000, 20, '王经理'),
  l('C4', 'T4', 7_000, 200, '李经理', '城庄村'),
  // Overdue on 10-15 but not on the baseline: not counted though it falls.
  l('C5', 'T5', 6_000, 0, '李经理', '城庄村'),
  l('C6', 'T6', 4_000, 0, '李经理', '城庄村'),
  l('C7', 'T7', 9_000, 50, '李经理', '城庄村'),
];
export const NOV_15: BranchLoan[] = [
  l('C1', 'T1', 8_000, 25, '王经理'),
  l('C2', 'T2', 8_000, 115, '王经理'),
  l('C3', 'T3', 5_000, 35, '李经理'),
  l('C4', 'T4', 7_200, 215, '李经理', '城庄村'),
  l('C5', 'T5', 3_000, 0, '李经理', '城庄村'),
  l('C6', 'T6', 4_000, 0, '李经理', '城庄村'),
  l('C7', 'T7', 9_000, 0, '李经理', '城庄村'),
  // New in November, overdue at the month's end: not a baseline loan.
  l('C8', 'T8', 3_000, 0, '王经理'),
];
export const NOV_30: BranchLoan[] = [
  // Fell but stayed overdue: 4,000 recovered, not cleared.
  l('C1', 'T1', 6_000, 10, '王经理'),
  // T2 is missing: settled on 11-30, its whole 8,000 recovered and cleared (王经理).
  // Reassigned to 李经理 from 11-15 (the file's 客户经理, imports may overwrite): 2,000 recovered and cleared, credited to 王经理.
  l('C3', 'T3', 3_000, 0, '李经理'),
  // Balance rose: 0 recovered (floored), not cleared.
  l('C4', 'T4', 7_500, 230, '李经理', '城庄村'),
  l('C5', 'T5', 1_000, 0, '李经理', '城庄村'),
  // Overdue only now: not a baseline loan.
  l('C6', 'T6', 4_000, 5, '李经理', '城庄村'),
  // Cleared mid-month and paid down: 1,000 recovered, cleared.
  l('C7', 'T7', 8_000, 0, '李经理', '城庄村'),
  l('C8', 'T8', 3_000, 12, '王经理'),
];

/** The hand count of 2026-11 from the files above. */
export const NOV_EXPECTED = {
  王经理: { recoveredPrincipalFen: (4_000 + 8_000 + 2_000) * 100, clearedLoans: 2 },
  李经理: { recoveredPrincipalFen: 1_000 * 100, clearedLoans: 1 },
};

export async function boardBranch(file: string): Promise<StaffApp> {
  const s = await staffApp(file);
  await importBranch(s.call, OCT_15, '2026-10-15');
  await importBranch(s.call, OCT_31, '2026-10-31');
  await s.call('assignment.setSettings', { importOverwritesAssignment: true });
  await importBranch(s.call, NOV_15, '2026-11-15');
  await importBranch(s.call, NOV_30, '2026-11-30');
  return s;
}
