import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files measured to take longest (tens of seconds each), longest first. Vitest orders files
 * by their last durations, kept under node_modules/.vite; a clean clone (CI) has none, so it
 * orders them by size, and a long file that is small (each part of the corpus run is four lines)
 * would start last and leave the other worker idle while it runs.
 */
const LONGEST = [
  'tests/integration/import/damaged-files/',
  'tests/integration/notice-templates/notices-pdf.test.ts',
  'tests/integration/register/register-export-county.test.ts',
  'tests/integration/kill-trials-smoke.test.ts',
  'tests/integration/cli-as.test.ts',
  'tests/integration/call-events.test.ts',
  'tests/unit/assignment/balanced-proposal.test.ts',
  'tests/integration/demo-data.test.ts',
  'tests/integration/print-cancel.test.ts',
];

/** Vitest's order, with the files of LONGEST moved to the front in LONGEST's order. */
export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const i = LONGEST.findIndex((path) => spec.moduleId.includes(`/${path}`));
      return i === -1 ? LONGEST.length : i;
    };
    // Array.prototype.sort is stable: files of one rank keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
