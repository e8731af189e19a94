import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { SMS_PREVIEW_ROWS } from '../../../electron/shared/api/sms';
import { cli } from '../../helpers/cli-in-process';
import { signedInApp, type Call } from '../../helpers/signed-in-app';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let call: Call;

beforeAll(async () => {
  tmp = makeTempDir();
  const db = tmp.file('branch.sqlite');
  // A branch whose overdue list is longer than a preview carries.
  expect((await cli('demo-data', '--db', db, '--loans', '5000', '--seed', '7')).code).toBe(0);
  ({ app, call } = await signedInApp(db));
});
afterAll(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

describe('sms.preview of a long list', () => {
  it('carries the first messages and loans skipped, in the list’s order, with the counts and billed parts of the whole batch the export writes', async () => {
    const input = { query: { list: 'overdue' }, template: '{姓名}您好，贷款{贷款账号}应还{金额}元。', managerPhone: '13800138999' };
    const preview = await call('sms.preview', input);
    expect(preview.messageCount).toBeGreaterThan(SMS_PREVIEW_ROWS);
    expect(preview.messages).toHaveLength(SMS_PREVIEW_ROWS);
    expect(preview.skipped.length).toBe(Math.min(preview.skippedCount, SMS_PREVIEW_ROWS));

    const out = await call('sms.export', { ...input, format: 'xlsx' });
    expect(out).toMatchObject({ messages: preview.messageCount, skipped: preview.skippedCount, totalSegments: preview.totalSegments });
    const book = XLSX.read(Buffer.from(out.contentBase64, 'base64'), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]], { header: 1, raw: false });
    expect(rows).toHaveLength(preview.messageCount + 1);
    // The preview's messages are the batch's first ones.
    expect(rows.slice(1, SMS_PREVIEW_ROWS + 1)).toEqual(preview.messages.map((m: { phone: string; text: string }) => [m.phone, m.text]));
  });
});
