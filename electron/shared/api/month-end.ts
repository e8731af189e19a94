/**
 * The month-end pack (月末材料): indicators, ranking, overdue movement, notices, archives — as PDF and .xlsx — and the monthly report per manager.
 */
export const monthEndApi = {};
