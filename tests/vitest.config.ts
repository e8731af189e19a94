import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './helpers/longest-first-sequencer';

export default defineConfig({
  test: {
    // The fixtures are dated October and November 2026; "today" stays the day these tests were
    // written, so that date rules (a year back asks first) judge them alike in any year.
    env: { BRANCH_LEDGER_TODAY: '2026-12-02' },
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
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
  },
});
