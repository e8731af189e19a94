import type { AsOfWarning } from '../../shared/api/imports';
import { daysBetween, todayLocal } from '../../shared/dates';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';

/** An as-of date further back than this asks first: likely a typo for this year's date. */
const OLD_AFTER_DAYS = 365;
/** An as-of date this far before the register's only adds history: likely a typo too. */
const BEFORE_REGISTER_AFTER_DAYS = 92;

/**
 * The register's data date (数据截至): the newest as-of date of its data, imported or generated
 * (demo data has snapshots but no import); null for an empty register.
 */
export async function registerDataAsOf(db: ReadDb): Promise<string | null> {
  const [imported, snapshots] = await Promise.all([
    db.selectFrom('imports').select((eb) => eb.fn.max('as_of').as('asOf')).executeTakeFirst(),
    db.selectFrom('loan_snapshots').select((eb) => eb.fn.max('as_of').as('asOf')).executeTakeFirst(),
  ]);
  const dates = [imported?.asOf, snapshots?.asOf].filter((d): d is string => typeof d === 'string');
  return dates.length === 0 ? null : dates.reduce((a, b) => (a > b ? a : b));
}

/**
 * Refuses an as-of date after today: every real export would then count as older than the
 * register and only add history, so the current figures would stop updating.
 */
export function refuseFutureAsOf(asOf: string, today = todayLocal()): void {
  if (asOf > today) throw new AppError('AS_OF_IN_FUTURE', `数据日期 ${asOf} 晚于今天（${today}），请检查日期是否写错。`, `as-of ${asOf} is after today ${today}`);
}

/** Why an as-of date needs the user's confirmation (far back, or well before the register's), or null. */
export async function asOfWarning(db: ReadDb, asOf: string, today = todayLocal()): Promise<AsOfWarning | null> {
  const registerAsOf = await registerDataAsOf(db);
  if (registerAsOf !== null && daysBetween(asOf, registerAsOf) > BEFORE_REGISTER_AFTER_DAYS) {
    return {
      kind: 'before-register',
      message: `数据日期 ${asOf} 比台账现有数据（截至 ${registerAsOf}）早三个月以上，导入后只补充历史快照，不更新当前余额和状态。请确认日期没有写错。`,
    };
  }
  if (daysBetween(asOf, today) > OLD_AFTER_DAYS) {
    return { kind: 'old', message: `数据日期 ${asOf} 距今已超过一年。请确认日期没有写错。` };
  }
  return null;
}

/** The checks a commit makes: never after today; far back or well before the register's only when confirmed. */
export async function checkCommitAsOf(db: ReadDb, asOf: string, confirmed: boolean, today = todayLocal()): Promise<void> {
  refuseFutureAsOf(asOf, today);
  if (confirmed) return;
  const warning = await asOfWarning(db, asOf, today);
  if (warning) throw new AppError('CONFIRM_AS_OF', `${warning.message}确认无误后再导入。`, `as-of ${asOf} needs confirmation (${warning.kind})`, { asOfWarning: warning });
}
