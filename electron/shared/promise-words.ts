import { PROMISE_STATUS_LABELS, type ContactView } from './api/contacts';
import { formatYuan } from './money';

/** A promise to pay in words, as the screen and paper show it: amount and date, status, and the import that shows it kept. */
export function promiseWords(c: Pick<ContactView, 'promiseOn' | 'promiseFen' | 'promise'>): string {
  if (c.promiseOn === null || c.promiseFen === null || c.promise === null) return '';
  const head = `承诺 ${c.promiseOn} 还 ${formatYuan(c.promiseFen)} 元：${PROMISE_STATUS_LABELS[c.promise.status]}`;
  const e = c.promise.evidence;
  if (e) return `${head}（${e.asOf} 导入${e.fileName ? `「${e.fileName}」` : ''}显示${e.measure === 'overdue' ? '逾期金额' : '余额'}减少 ${formatYuan(e.fellByFen)} 元）`;
  if (c.promise.awaitingData) return `${head}（尚无承诺日当日或之后的导入数据，请导入最新数据核实）`;
  return head;
}
