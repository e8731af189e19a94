import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { todayLocal } from '../../../electron/shared/dates';
import { perTest } from '../../helpers/per-test';
import { noticeApp } from '../notices/notice-fixture';

const b = perTest((file) => noticeApp(file));

describe('the month-end pack’s notices', () => {
  it('counts the notices issued this month (not the cancelled) and the receipts returned, by kind', async () => {
    await b.call('notices.issue', { kind: 'overdue', scope: { by: 'village', villageId: b.ids.village('刘家会村') }, withGuarantors: true });
    const issued = await b.call('notices.register', { status: 'issued' });
    const misprinted = issued.rows.find((n: { kind: string }) => n.kind === 'guarantor');
    await b.call('notices.cancel', { noticeId: misprinted.id, reason: '打印错误', expectedUpdatedAt: misprinted.updatedAt });
    const register = await b.call('notices.register', { status: 'issued' });
    const overdue = register.rows.filter((n: { kind: string }) => n.kind === 'overdue');
    const guarantor = register.rows.filter((n: { kind: string }) => n.kind === 'guarantor');
    expect(overdue.length).toBeGreaterThan(0);
    expect(register.rows.length).toBe(issued.rows.length - 1);
    await b.call('notices.scanReceipt', { code: overdue[0].noticeNo, signer: '本人' });
    const month = todayLocal().slice(0, 7);
    const out = await b.call('monthEnd.pack', { month, format: 'xlsx' });
    const wb = XLSX.read(Buffer.from(out.file.contentBase64, 'base64'));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['通知书']!, { header: 1 });
    const row = (label: string) => rows.find((r) => r[0] === label)?.slice(1);
    expect(row('逾期贷款催收通知书')).toEqual([overdue.length, 1]);
    expect(row('担保人履行保证责任通知书')).toEqual([guarantor.length, 0]);
    expect(row('合计')).toEqual([overdue.length + guarantor.length, 1]);
  });
});
