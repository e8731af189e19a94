import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-register';
import * as m0003 from './0003-imports';
import * as m0004 from './0004-change-log-batches';
import * as m0005 from './0005-borrower-name-pinyin';

// A static list: bundling breaks Kysely's FileMigrationProvider. Names sort in order of application.
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-register': m0002,
  '0003-imports': m0003,
  '0004-change-log-batches': m0004,
  '0005-borrower-name-pinyin': m0005,
};
