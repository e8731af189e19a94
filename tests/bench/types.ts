import type { BenchWorkspace } from './workspace';

/** One measured number, as printed and as stored in .bench/results.json. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

/** What every bench module exports: `export const run: BenchRun`. */
export type BenchRun = (ws: BenchWorkspace) => Promise<Figure[]>;
