/**
 * Where a loan's current manager comes from, as a relation `(loan_id, manager_id)`: every worklist
 * query joins this and nothing else. It is the assignments' view (migration 0020), not the loan
 * row's manager_id, which imports rewrite.
 */
export const CURRENT_MANAGERS = 'current_loan_managers';

/** Loan `l`'s current manager's id as `cm.manager_id` (null when unassigned). */
export const CURRENT_MANAGER_JOIN = `left join ${CURRENT_MANAGERS} cm on cm.loan_id = l.id`;
/** The manager's staff row as `s`; needs CURRENT_MANAGER_JOIN before it. */
export const MANAGER_STAFF_JOIN = 'left join staff s on s.id = cm.manager_id';
