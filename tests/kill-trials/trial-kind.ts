import type { CliRun } from './cli-process';

/** What the judge found after one trial. */
export interface Verdict {
  /** The state left behind, e.g. 'unchanged' or 'complete'; a failure says what is wrong in `problems`. */
  outcome: string;
  /** What the run was doing when killed, as far as the files showed it then (e.g. 'writing the copy'). */
  phase: string;
  /** Empty when the trial passed. */
  problems: string[];
  /** Files left behind that are allowed (a backup's `.unfinished` temporary file). */
  leftovers: number;
}

/** A run left alone: how long it took, and when it began writing (ms after the start). */
export interface ReferenceRun {
  ms: number;
  writingAtMs: number | null;
}

/** One kind of work to kill: import, backup or migrate. */
export interface TrialKind<P> {
  name: string;
  /** What one run works on, for the report (e.g. 'next month's export of 20,000 loans'). */
  workload: string;
  /** The first sign of writing the files show (e.g. 'the WAL has pages'), for the report. */
  writingSign: string;
  /**
   * Makes the inputs shared by every trial and the reference state of runs left alone; returns
   * those runs, and notes for the log (what the comparison leaves out).
   */
  prepare(dir: string): Promise<{ runs: ReferenceRun[]; notes: string[] }>;
  /**
   * Makes one trial's folder; returns the CLI arguments, a look at its files for the moment of
   * the kill, and a quick look that says whether the run has begun writing.
   */
  setUp(trialDir: string, index: number): Promise<{ args: string[]; probe: () => P; writing: () => boolean }>;
  /** Judges what the run (killed or not) left in the trial's folder. */
  judge(trialDir: string, index: number, run: CliRun<P>): Promise<Verdict>;
}
