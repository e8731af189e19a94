import type { ReadDb } from '../db/read-db';
import { log } from '../log';
import type { ImportStage } from './import-stage';
import type { Layout } from './parsed-file';
import { loanFieldsNotInFile } from './plan-import';
import { importOverwritesAssignment } from './register-state';
import { registerVersion } from './register-version';
import { sameCompareKey, unchangedSeqs, type CompareKey } from './set-compare';

/**
 * The set compare (set-compare.ts) run batch by batch while the file is still being read: the
 * worker parses, this thread stages each batch and SQLite tells which of its rows change nothing,
 * so that once the file is read only its last batch is left to compare (a county's file imported
 * again: the whole compare took 2.5 s after the parse). A plan uses the answer only when it plans
 * as of the same date, with the same columns and setting, on the register version the compare
 * started from: every write to the register moves that version, so a write in between sends the
 * plan back to comparing the whole file in its own read transaction.
 */
export class CompareAhead {
  private readonly seqs: number[] = [];
  private compared = 0;
  private failed = false;

  private constructor(
    private readonly db: ReadDb,
    private readonly stage: ImportStage,
    private readonly key: CompareKey,
    private readonly version: number,
  ) {}

  /** Before the first batch is compared: the version is read first, so that no compare sees a register older than it. */
  static async start(db: ReadDb, stage: ImportStage, asOf: string, layout: Layout): Promise<CompareAhead> {
    const version = await registerVersion(db);
    const key = { asOf, notInFile: loanFieldsNotInFile({ layout }), overwriteAssignments: await importOverwritesAssignment(db) };
    return new CompareAhead(db, stage, key, version);
  }

  /** Compares the batch just staged (`first` ≤ seq < `first + count`); run in the stage's queue, batch after batch. */
  async batch(first: number, count: number): Promise<void> {
    if (this.failed) return;
    if (first !== this.compared) throw new Error(`compare ahead: batch at ${first}, expected ${this.compared}`);
    try {
      for (const seq of await unchangedSeqs(this.db, this.stage, this.key, { from: first, to: first + count })) this.seqs.push(seq);
      this.compared = first + count;
    } catch (err) {
      // A shortcut only: the plan then compares the whole file itself.
      this.failed = true;
      log.warn(`import compare ahead stopped at row ${first}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * The staged rows that change nothing (1 by seq), when this compare holds for a plan with `key` on
   * the register at `version` of a file of `rows` loans; null when it does not (the plan compares itself).
   */
  result(key: CompareKey, version: number, rows: number): Uint8Array | null {
    if (this.failed || this.compared !== rows || version !== this.version || !sameCompareKey(key, this.key)) return null;
    const clean = new Uint8Array(rows);
    for (const seq of this.seqs) clean[seq] = 1;
    return clean;
  }
}
