/**
 * The indicators a branch is judged on, per month, manager, village and branch, drillable to the loans.
 */
export const indicatorsApi = {};
