import { todayLocal } from '../../shared/dates';
import { AppError } from '../rpc/app-error';

/**
 * The day a batch is issued on: today unless given, never after today, and never before the
 * register's data date — a notice dated before the figures it prints would demand what nobody knew yet.
 */
export function checkIssueDate(issuedOn: string | undefined, dataAsOf: string | null): string {
  const day = issuedOn ?? todayLocal();
  if (day > todayLocal()) throw new AppError('BAD_INPUT', '出具日期不能晚于今天。', `notices: issue date ${day} is in the future`);
  if (dataAsOf !== null && day < dataAsOf) {
    throw new AppError('BAD_INPUT', `出具日期不能早于台账的数据日期（${dataAsOf}）。`, `notices: issue date ${day} before the register's data date ${dataAsOf}`);
  }
  return day;
}
