/**
 * Post-loan inspections (贷后检查): rules, the schedule, records and four-eyes spot checks (抽查).
 */
export const inspectionsApi = {};
