import type { Kysely } from 'kysely';
import * as m0010 from './0010-hq-foundation';
import * as m0020 from './0020-branch-rows-without-foreign-key';
import * as m0030 from './0030-handovers-due-by-caller';

/** One step of head office's schema; frozen once released, like the branch's. */
export interface HqMigration {
  up(db: Kysely<any>): Promise<void>;
}

// A static list, in order of application (numbered with gaps of ten, as the branch's).
export const hqMigrations: Record<string, HqMigration> = {
  '0010-hq-foundation': m0010,
  '0020-branch-rows-without-foreign-key': m0020,
  '0030-handovers-due-by-caller': m0030,
};
