import type { SchemaMigration } from './migration';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-register';
import * as m0003 from './0003-imports';
import * as m0004 from './0004-change-log-batches';
import * as m0005 from './0005-borrower-name-pinyin';
import * as m0010 from './0010-change-log-transactions';
import * as m0020 from './0020-loan-assignments';
import * as m0030 from './0030-loans-register-indexes';
import * as m0040 from './0040-collection-work';
import * as m0050 from './0050-notices';
import * as m0060 from './0060-archives';
import * as m0070 from './0070-post-loan';
import * as m0080 from './0080-history-covering-indexes';
import * as m0090 from './0090-register-page-indexes';
import * as m0100 from './0100-sync';
import * as m0110 from './0110-archive-receipts';
import * as m0120 from './0120-hq-messages';

// A static list: a bundled app cannot read the folder. Names sort in order of application;
// from 0010 on they are numbered with gaps of ten, so that a fix can go between two releases.
export const migrations: Record<string, SchemaMigration> = {
  '0001-foundation': m0001,
  '0002-register': m0002,
  '0003-imports': m0003,
  '0004-change-log-batches': m0004,
  '0005-borrower-name-pinyin': m0005,
  '0010-change-log-transactions': m0010,
  '0020-loan-assignments': m0020,
  '0030-loans-register-indexes': m0030,
  '0040-collection-work': m0040,
  '0050-notices': m0050,
  '0060-archives': m0060,
  '0070-post-loan': m0070,
  '0080-history-covering-indexes': m0080,
  '0090-register-page-indexes': m0090,
  '0100-sync': m0100,
  '0110-archive-receipts': m0110,
  '0120-hq-messages': m0120,
};
