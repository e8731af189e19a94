import type { ReadDb } from '../db/read-db';
import { DEFAULT_MAX_LOAN_FEN } from './parse/parse-row';

/**
 * The largest balance or amount one loan may have (setting `max_loan_yuan`, whole 元; 100
 * million by default): beyond it a row is a typo or a corrupt cell, and would break every total.
 */
export async function maxLoanFen(db: ReadDb): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'max_loan_yuan').executeTakeFirst();
  const yuan = row ? Number(row.value) : Number.NaN;
  return Number.isSafeInteger(yuan * 100) && yuan > 0 ? yuan * 100 : DEFAULT_MAX_LOAN_FEN;
}
