import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files measured to take longest (tens of seconds each), longest first. Vitest orders files
 * by their last durations, kept under node_modules/.vite; a clean clone (CI) has none, so it
 * orders them by size, and a long file that is small would start last and leave the other
 * worker idle while it runs.
 */
const LONGEST = [
  'tests/integration/notice-templates/notices-pdf.test.ts',
  'tests/integration/register/register-export-county.test.ts',
  'tests/integration/notices/receipts.test.ts',
  'tests/integration/import/compare-ahead.test.ts',
  'tests/integration/notices/issue-failures.test.ts',
  'tests/integration/print/chromium-pdf-renderer.test.ts',
  'tests/integration/call-events.test.ts',
  'tests/integration/kill-trials-smoke.test.ts',
  'tests/integration/print-cancel.test.ts',
];

const TEST_FILES = ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'];

/**
 * Test files that need modules of their own, loaded afresh: the desktop shell's import
 * electron/main for what its loading does (with electron mocked), which a module loaded by an
 * earlier file would not do again; newId's and the parse worker started ahead keep state in their
 * module (the last id's time, the one worker), which other files' ids and parses would have set.
 */
const OWN_MODULES = ['tests/unit/main/**/*.test.ts', 'tests/unit/db/new-id.test.ts', 'tests/unit/import/parse-worker-ahead.test.ts'];

/**
 * Vitest's order, with the files of LONGEST moved to the front in LONGEST's order, and the files
 * of OWN_MODULES at the end: a worker that shares modules goes on to the next file only while the
 * next file in the queue shares them too, so those files are kept from cutting the queue in two.
 */
class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      if (spec.project.config.isolate) return LONGEST.length + 1;
      const i = LONGEST.findIndex((path) => spec.moduleId.includes(`/${path}`));
      return i === -1 ? LONGEST.length : i;
    };
    // Array.prototype.sort is stable: files of one rank keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

// Kept in this file: Vite's coming native config loader takes no extensionless relative import.
export default defineConfig({
  test: {
    // The fixtures are dated October and November 2026; "today" stays the day these tests were
    // written, so that date rules (a year back asks first) judge them alike in any year.
    env: { BRANCH_LEDGER_TODAY: '2026-12-02' },
    root: new URL('..', import.meta.url).pathname,
    // Expected failures under test log nothing; an unexpected error is still printed.
    setupFiles: ['tests/helpers/quiet-test-logs.ts'],
    // Head office's tests need a PostgreSQL server on loopback: started once for the run.
    globalSetup: ['tests/helpers/pg-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each test file opens its own SQLite files; forks keep native handles apart.
    pool: 'forks',
    // One file per core, not Vitest's cores − 1: many files spend their time waiting on Chromium,
    // SQLite's write lock or a child process, so two on a 2-core machine take ~40 % less time.
    maxWorkers: availableParallelism(),
    // The longest files first, also on a clean clone (see the sequencer).
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      {
        extends: true,
        // A worker runs file after file in one process and loads our modules once, not once per
        // file: loading the backend's few hundred modules took ~1.5 s of every file (a third of
        // the run). Each file still opens its own databases, folders and servers.
        test: { name: 'shared-modules', include: TEST_FILES, exclude: [...configDefaults.exclude, ...OWN_MODULES], isolate: false },
      },
      { extends: true, test: { name: 'own-modules', include: OWN_MODULES } },
    ],
  },
});
