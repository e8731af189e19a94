import { todayLocal } from '../../shared/dates';
import { AppError } from '../rpc/app-error';

/**
 * An unattended import's as-of date (the CLI's): the file's own (its meta row) comes first, then
 * the date given (--as-of), then today, each said aloud when it matters. A file's date after
 * today is not taken; without a date given, the import is refused.
 */
export function chooseAsOf(fromFile: string | null, fromArg: string | undefined): { asOf: string; notice: string | null } {
  const today = todayLocal();
  if (fromFile !== null && fromFile > today) {
    const refused = `文件注明的数据日期 ${fromFile} 晚于今天（${today}），未采用`;
    if (fromArg === undefined) throw new AppError('AS_OF_IN_FUTURE', `${refused}。请用 --as-of 指定数据日期。`, `file as-of ${fromFile} is after today`);
    return { asOf: fromArg, notice: `注意：${refused}，已按 --as-of ${fromArg} 导入。` };
  }
  if (fromFile !== null) {
    const ignored = fromArg !== undefined && fromArg !== fromFile;
    return { asOf: fromFile, notice: ignored ? `注意：文件注明数据日期 ${fromFile}，已按此日期导入，未采用 --as-of ${fromArg}。` : null };
  }
  if (fromArg !== undefined) return { asOf: fromArg, notice: null };
  return { asOf: today, notice: `注意：文件未注明数据日期，已按今天 ${today} 导入；可用 --as-of 指定。` };
}
