import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { cli } from '../../helpers/cli-in-process';
import { signedInForTest } from '../../helpers/import-csv';
import { perTest } from '../../helpers/per-test';
import { SAMPLE } from '../../helpers/sample-files';
import { openDatabase } from '../../../electron/backend/db/connection';
import type { ReadDb } from '../../../electron/backend/db/read-db';

// The planner's statistics are refreshed by the import itself, inside its own transaction: once it
// commits, another program waiting for the lock may hold it for long (a refresh after the commit
// waited for it, and failed the call with DB_BUSY after a landed import). These check that the
// refresh still happens; that race has no hook to time it by.
const t = perTest(signedInForTest);

const loanStats = async (db: ReadDb) =>
  (await sql<{ idx: string }>`select idx from sqlite_stat1 where tbl = 'loans'`.execute(db)).rows.map((r) => r.idx);

it('an import from the app leaves the statistics of the loans it wrote', async () => {
  const preview = await t.call('imports.preview', { fileName: 'sample.csv', contentBase64: readFileSync(SAMPLE.csv).toString('base64'), fullExport: true });
  expect(await loanStats(t.app.db)).toEqual([]);
  await t.call('imports.commit', { previewId: preview.previewId, asOf: '2026-10-31', fullExport: true, confirmAsOf: true });
  expect((await loanStats(t.app.db)).length).toBeGreaterThan(0);
});

it('a first import by the CLI (written while read) leaves them too', async () => {
  const file = t.tmp.file('cli.sqlite');
  expect((await cli('import', SAMPLE.csv, '--db', file, '--json')).code).toBe(0);
  // Opened bare: the app's open would refresh them itself.
  const db = await openDatabase(file);
  try {
    expect((await loanStats(db)).length).toBeGreaterThan(0);
  } finally {
    await db.destroy();
  }
});
