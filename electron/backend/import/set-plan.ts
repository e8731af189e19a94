import { sql } from 'kysely';
import type { ReadDb } from '../db/read-db';
import { groupBorrowers } from './group-borrowers';
import { ImportStage } from './import-stage';
import type { ParsedFile } from './parsed-file';
import { loanFieldsNotInFile, type PlannedElsewhere } from './plan-import';
import { loadRegisterSubset } from './register-subset';
import { loadRegisterBasics, loadRegisterState, registerState, type RegisterState } from './register-state';
import { unchangedRows } from './set-compare';

/**
 * How a plan's register is read. 'maps': the whole register into JS maps, every file row compared
 * in JS. 'set': the file staged in a TEMP table, SQLite finds the rows that change nothing, and
 * only the rest is read and planned in JS (by the same planImport). 'auto' is what imports use.
 */
export type Planner = 'maps' | 'set' | 'auto';

/** What planImport is given: the register (whole, or the part the rows to plan need) and those rows. */
export interface PlanInput {
  state: RegisterState;
  file: ParsedFile;
  unchanged: PlannedElsewhere;
  /** The way it was read ('set' can fall back to 'maps': an empty register, an older file). */
  used: 'maps' | 'set';
  /** 'set' only: the compare run while the file was read held for this plan (compare-ahead.ts). */
  comparedAhead?: boolean;
  /** 'maps' only: the register read while the file was read held for this plan (register-ahead.ts). */
  readAhead?: boolean;
}

/**
 * Reads what planning `file` as of `asOf` needs. A file older than the register (it adds history,
 * a case of its own) is always planned by maps; 'auto' takes the set compare when the register
 * has snapshots of the file's date (a file imported again, a corrected export of the same day),
 * else the maps (an empty register, next month's export: every row changes), as the bench measured. `stage`: the file's loans staged while it was read; else
 * they are staged here and dropped after. Call inside one read (or the write) transaction, once
 * `stage` has settled (its queued batches wait for the connection the transaction holds).
 * `version`: the register's, read in that transaction; with it, a compare the stage ran or the
 * register it read while the file was read is taken when it holds for this plan (compare-ahead.ts,
 * register-ahead.ts).
 */
export async function readForPlan(
  db: ReadDb,
  file: ParsedFile,
  asOf: string,
  fullExport: boolean,
  planner: Planner,
  stage?: ImportStage,
  version?: number,
): Promise<PlanInput> {
  const maps = async (): Promise<PlanInput> => {
    const ahead = version === undefined ? null : ((await stage?.registerAhead())?.take(asOf, version) ?? null);
    return { state: ahead ?? (await loadRegisterState(db, asOf)), file, unchanged: {}, used: 'maps', readAhead: ahead !== null };
  };
  if (planner === 'maps') return maps();
  const basics = await loadRegisterBasics(db);
  const newest = basics.importDates.at(-1)?.as_of ?? null;
  if (file.loans.length === 0 || (newest !== null && newest > asOf)) return maps();
  // The JS map of villages keeps the last of two with one name: the set compare does not (it sends both ways to maps).
  const villageKeys = new Set(basics.villages.map((v) => `${v.township}|${v.name}`));
  if (villageKeys.size < basics.villages.length) return maps();
  if (planner === 'auto' && !(await anyUnchangedPossible(db, asOf))) return maps();

  const own = stage === undefined || stage.rows !== file.loans.length;
  const staged = own ? await ImportStage.of(db, file.loans) : stage;
  try {
    await staged.settled();
    const key = { asOf, notInFile: loanFieldsNotInFile(file), overwriteAssignments: basics.overwrite };
    const ahead = own || version === undefined ? null : ((await staged.comparedAhead())?.result(key, version, file.loans.length) ?? null);
    const clean = ahead ?? (await unchangedRows(db, staged, key));
    const dirty = clean.every((c) => c === 1) ? [] : dirtyBorrowers(file, clean);
    const planned = new Set(dirty.flatMap((fb) => fb.loans));
    const loans = file.loans.filter((row) => planned.has(row));
    const state =
      dirty.length === 0 && !fullExport
        ? registerState(basics, { loans: [], lastAsOf: [], snapshots: [], borrowers: [], phones: [], current: [], onAsOf: [] })
        : await loadRegisterSubset(db, basics, asOf, dirty, staged, fullExport);
    const unchanged = { loans: file.loans.length - loans.length, fileLoans: file.loans.length };
    return { state, file: { ...file, loans }, unchanged, used: 'set', comparedAhead: ahead !== null };
  } finally {
    if (own) await staged.drop();
  }
}

/**
 * The file's borrowers that need planning: those without a customer number, and those with a row
 * that is not unchanged. A file every row of which is unchanged (`clean` all 1: only rows with a
 * customer number can be) has none, and callers skip this grouping of the whole file (a second on
 * a county's file, on the path of the same file imported again).
 */
function dirtyBorrowers(file: ParsedFile, clean: Uint8Array) {
  const seqOf = new Map(file.loans.map((row, i) => [row, i]));
  return groupBorrowers(file.loans).filter((fb) => !fb.customerNo || fb.loans.some((row) => clean[seqOf.get(row)!] !== 1));
}

/**
 * Whether staging a file while it is read pays: only a plan as of `asOf` that 'auto' will make by
 * the set compare reads the stage, and that needs the register's snapshots of that date. Without
 * a date (the preview plans nothing yet) or with none of its snapshots (an empty register, next
 * month's export) the rows would be staged for nothing; a plan that turns out to compare in SQLite
 * after all (another date chosen) stages the file itself.
 */
export async function stagingPays(db: ReadDb, asOf: string | null): Promise<boolean> {
  return asOf !== null && (await anyUnchangedPossible(db, asOf));
}

/**
 * A row is unchanged only if the register has its snapshot of the import's date: with none of that
 * date (an empty register, next month's export) every row changes, and the maps are faster (bench).
 */
async function anyUnchangedPossible(db: ReadDb, asOf: string): Promise<boolean> {
  const { rows } = await sql<{ yes: number }>`select exists (select 1 from loan_snapshots where as_of = ${asOf}) as yes`.execute(db);
  return rows[0]?.yes === 1;
}
