import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { migrateToLatest } from '../../../electron/backend/db/migrator';
import { parseImportFile } from '../../../electron/backend/import/parse/parse-import-file';
import { prepareImport } from '../../../electron/backend/import/run-import';
import { expectedFor, SAMPLE } from '../../helpers/sample-files';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let app: Db;
/** The CLI importing in another process: its own connection to the same file. */
let cli: Db;

beforeEach(async () => {
  tmp = makeTempDir();
  const dbPath = tmp.file('ledger.sqlite');
  app = await openDatabase(dbPath);
  await migrateToLatest(app, dbPath);
  cli = await openDatabase(dbPath);
});

afterEach(async () => {
  await cli.destroy();
  await app.destroy();
  tmp.cleanup();
});

it('a preview reads the register while another process holds the write lock', async () => {
  const outcome = await parseImportFile(readFileSync(SAMPLE.csv), 'sample-core-export.csv');
  if (outcome.kind !== 'parsed') throw new Error('the sample needs no mapping');
  // Waiting 5 s for the lock would only slow a failing run down.
  await sql`pragma busy_timeout = 100`.execute(app);
  const prepared = await cli.transaction().execute(() => prepareImport(app, outcome.file, { asOf: '2026-10-31', fullExport: false }));
  expect(prepared.plan.loanInserts).toHaveLength(expectedFor('csv').accepted_loans);
});
