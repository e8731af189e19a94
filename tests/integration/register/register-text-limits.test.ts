import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { setQuietLogs } from '../../../electron/backend/log';
import { makeTempDir } from '../../helpers/temp-dir';
import { signedInApp } from '../../helpers/signed-in-app';
import { SAMPLE } from '../../helpers/sample-files';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let call: (name: string, args?: unknown) => Promise<any>;
let borrowerId: string;

beforeAll(async () => {
  setQuietLogs(true); // the refusals below are expected
  tmp = makeTempDir();
  ({ app, call } = await signedInApp(tmp.file('ledger.sqlite')));
  const preview = await call('imports.preview', { fileName: 'a.xlsx', contentBase64: readFileSync(SAMPLE.xlsx).toString('base64') });
  await call('imports.commit', { previewId: preview.previewId, asOf: '2026-10-31', fullExport: true });
  borrowerId = (await app.db.selectFrom('borrowers').select('id').where('customer_no', '=', 'C880004').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  setQuietLogs(false);
  await closeAppContext(app);
  tmp.cleanup();
});

const stored = () => app.db.selectFrom('borrowers').select(['contact_name', 'whereabouts', 'notes']).where('id', '=', borrowerId).executeTakeFirstOrThrow();

describe('text over a field’s limit is refused with a Chinese message, never cut', () => {
  it('contact fields: the limit and how many characters were typed', async () => {
    const before = await stored();
    await expect(call('register.updateContact', { borrowerId, contactName: '欧阳'.repeat(10) + '春', was: { contactName: '' } })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('最多 20 个字，已输入 21 个字'),
    });
    await expect(call('register.updateContact', { borrowerId, notes: '备'.repeat(501), was: { notes: '' } })).rejects.toMatchObject({
      message: expect.stringContaining('最多 500 个字，已输入 501 个字'),
    });
    expect(await stored()).toEqual(before);
    // At the limit it is saved whole; surrounding spaces do not count (they are trimmed).
    await call('register.updateContact', { borrowerId, contactName: ` ${'欧阳'.repeat(10)} `, was: { contactName: '' } });
    expect((await stored()).contact_name).toBe('欧阳'.repeat(10));
  });

  it('a character outside the BMP counts once, as the form counts it', async () => {
    await call('register.updateContact', { borrowerId, contactName: '𠮷'.repeat(20), was: { contactName: (await stored()).contact_name ?? '' } });
    expect((await stored()).contact_name).toBe('𠮷'.repeat(20));
  });

  it('phones and their notes', async () => {
    await expect(call('register.savePhone', { borrowerId, phone: '1'.repeat(31) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('最多 30 个字，已输入 31 个字'),
    });
    await expect(call('register.savePhone', { borrowerId, phone: '13900003333', note: '女'.repeat(51) })).rejects.toMatchObject({
      message: expect.stringContaining('最多 50 个字，已输入 51 个字'),
    });
    await expect(call('register.savePhone', { borrowerId, phone: '  ' })).rejects.toMatchObject({ message: expect.stringContaining('请输入电话号码') });
  });
});
