import { PROMISE_STATUS_LABELS, type ContactView } from '../../../../electron/shared/api/contacts';
import { formatYuan } from '../../../../electron/shared/money';

/** A promise in words: its amount and date, its status and the import that shows it kept. */
export function promiseText(c: Pick<ContactView, 'promiseOn' | 'promiseFen' | 'promise'>): string {
  if (c.promiseOn === null || c.promiseFen === null || c.promise === null) return '';
  const head = `承诺 ${c.promiseOn} 还 ${formatYuan(c.promiseFen)} 元：${PROMISE_STATUS_LABELS[c.promise.status]}`;
  const e = c.promise.evidence;
  if (e) return `${head}（${e.asOf} 导入${e.fileName ? `「${e.fileName}」` : ''}显示${e.measure === 'overdue' ? '逾期金额' : '余额'}减少 ${formatYuan(e.fellByFen)} 元）`;
  if (c.promise.awaitingData) return `${head}（尚无承诺日当日或之后的导入数据，请导入最新数据核实）`;
  return head;
}

export function promiseClass(c: Pick<ContactView, 'promise'>): string {
  return c.promise?.status === 'kept' ? 'promise-kept' : c.promise?.status === 'broken' ? 'promise-broken' : '';
}
