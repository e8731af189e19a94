import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { setQuietLogs } from '../../../electron/backend/log';
import { csvBytes, sampleCsvLines } from '../../helpers/sample-files';
import { signedInApp } from '../../helpers/signed-in-app';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let call: (name: string, args?: unknown) => Promise<any>;
beforeAll(() => setQuietLogs(true)); // the refusal below is expected
afterAll(() => setQuietLogs(false));
beforeEach(async () => {
  tmp = makeTempDir();
  ({ app, call } = await signedInApp(tmp.file('ledger.sqlite')));
});
afterEach(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

async function preview(lines: string[], asOf: string) {
  return call('imports.preview', { fileName: 'export.csv', contentBase64: csvBytes(lines).toString('base64'), asOf, fullExport: true });
}
const settledLoans = async () => (await app.db.selectFrom('loans').select('id').where('status', '=', 'settled').execute()).length;

describe('imports.commit of a full export that settles 10 % or more of the loans', () => {
  it('is refused without confirmSettle, with the count and share, and writes nothing; taken with it', async () => {
    const lines = sampleCsvLines();
    const first = await preview(lines, '2026-10-31');
    await call('imports.commit', { previewId: first.previewId, asOf: '2026-10-31', fullExport: true });

    const twenty = await preview(lines.slice(0, 21), '2026-11-30');
    const settled = twenty.counts.settled as number;
    await expect(call('imports.commit', { previewId: twenty.previewId, asOf: '2026-11-30', fullExport: true })).rejects.toMatchObject({
      code: 'CONFIRM_SETTLE',
      message: expect.stringMatching(new RegExp(`^将有 ${settled} 笔在贷贷款（约占 \\d+%）因不在此文件中而标记为结清。`)),
    });
    expect(await settledLoans()).toBe(0);

    const done = await call('imports.commit', { previewId: twenty.previewId, asOf: '2026-11-30', fullExport: true, confirmSettle: true });
    expect(done.settled).toBe(settled);
    expect(await settledLoans()).toBe(settled);
  });

  it('needs no confirmation under 10 %', async () => {
    const lines = sampleCsvLines();
    const first = await preview(lines, '2026-10-31');
    await call('imports.commit', { previewId: first.previewId, asOf: '2026-10-31', fullExport: true });
    const oneFewer = await preview([lines[0], ...lines.slice(2)], '2026-11-30');
    expect((await call('imports.commit', { previewId: oneFewer.previewId, asOf: '2026-11-30', fullExport: true })).settled).toBe(1);
  });
});
