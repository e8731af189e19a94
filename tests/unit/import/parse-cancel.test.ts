import { describe, expect, it } from 'vitest';
import { cancelledError } from '../../../electron/backend/calls/cancelled';
import { parseImportFile } from '../../../electron/backend/import/parse/parse-import-file';
import { parseImportFileIn } from '../../../electron/backend/import/parse/parse-in-worker';
import { SAMPLE_HEADER, sampleRow, toCsv, utf8 } from './helpers';

const bigCsv = () => utf8(toCsv([SAMPLE_HEADER, ...Array.from({ length: 12000 }, (_, i) => sampleRow(i + 1))]));

describe('parsing on the calling thread (CLI) stops when its signal aborts', () => {
  it('between batches of rows, with the signal’s reason', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const parsing = parseImportFile(bigCsv(), 'big.csv', {
      signal: controller.signal,
      onProgress: (done) => {
        seen.push(done);
        if (done === 5000) controller.abort(cancelledError('some-call'));
      },
    });
    await expect(parsing).rejects.toMatchObject({ code: 'CANCELLED', userMessage: '已取消' });
    expect(seen).toEqual([5000]);
  });

  it('before it starts, when already aborted (no worker either)', async () => {
    const controller = new AbortController();
    controller.abort(cancelledError('some-call'));
    await expect(parseImportFile(bigCsv(), 'big.csv', { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(parseImportFileIn(new URL('file:///no/such/worker.js'), bigCsv(), 'big.csv', { signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});
