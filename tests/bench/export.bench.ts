import type { BenchRun } from './types';

// Filled in by issue 13's work this session.
export const run: BenchRun = async () => [];
