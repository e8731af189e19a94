import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../electron/backend/import/parse/parse-import-file';
import { parseImportFileIn } from '../../../electron/backend/import/parse/parse-in-worker';
import type { ParsedLoanRow } from '../../../electron/backend/import/parsed-file';
import { loanCsv } from '../../helpers/loan-csv';
import { bundledParseWorker } from '../../helpers/parse-worker-bundle';

let worker: Awaited<ReturnType<typeof bundledParseWorker>>;
beforeAll(async () => {
  worker = await bundledParseWorker();
});
afterAll(() => worker.remove());

describe('a parse worker handing loans to a caller that writes them', () => {
  it('reads at most two batches ahead of the batches the caller is not done with, and hands over every loan', async () => {
    // 30,000 loans: seven batches (1,000 first, then 4,000 and five of 5,000).
    const bytes = loanCsv(30_000);
    const received: ParsedLoanRow[][] = [];
    const release: Array<() => void> = [];
    const parsed = parseImportFileIn(worker.url, bytes, 'county.csv', {
      loansInBatchesOnly: true,
      onLoans: (batch) => {
        received.push(batch);
        return new Promise<void>((resolve) => release.push(resolve));
      },
    });
    // The first batch, still in hand, and the two the worker may read ahead.
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(3);
    // Unanswered, it reads no further: without the wait it would have handed over all seven by now.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(received.length).toBe(3);
    release.shift()!();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(4);
    // Answered as they come from now on: the rest follows, and the parse ends.
    const answerAll = setInterval(() => release.splice(0).forEach((done) => done()), 10);
    const outcome = await parsed.finally(() => clearInterval(answerAll));
    expect(received.flat().map((l) => l.loanNo)).toEqual(((await parseImportFile(bytes, 'county.csv')) as { file: { loans: ParsedLoanRow[] } }).file.loans.map((l) => l.loanNo));
    expect(outcome).toMatchObject({ kind: 'parsed', file: { loans: [], rowsRead: 30_000 } });
  });

  it('does not count against the parse’s time limit the time it waits for the caller', async () => {
    const bytes = loanCsv(30_000);
    let written = 0;
    // Written one after another, 1.5 s each, as a first import writes them: the sixth of the seven batches is
    // handed over only once the third is written, 4.5 s in, against a limit of 4 s for a parse that takes well under one.
    let writes = Promise.resolve();
    const outcome = await parseImportFileIn(
      worker.url,
      bytes,
      'county.csv',
      { loansInBatchesOnly: true, onLoans: () => (writes = writes.then(() => new Promise<void>((resolve) => setTimeout(() => resolve(void written++), 1500)))) },
      { timeMs: 4000 },
    );
    expect(outcome).toMatchObject({ kind: 'parsed', file: { rowsRead: 30_000 } });
    await writes;
    expect(written).toBe(7);
  });
});
