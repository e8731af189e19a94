import { openArchiveFiles } from '../archives/open-files';
import { scheduleInspections } from '../inspections/schedule';
import { newId } from '../db/new-id';
import type { ImportCounts, ImportPreviewCounts } from '../../shared/api/imports';
import type { WriteContext } from '../changelog/write-context';
import { registerVersion } from './register-version';
import { readTransaction, type ReadDb } from '../db/read-db';
import type { Writer } from '../rpc/handler-types';
import { refreshPlannerStats } from '../db/connection';
import { applyImportPlan, planRows } from './apply-import';
import type { ParsedFile, RowWarning } from './parsed-file';
import { planImport, type ImportPlan } from './plan-import';
import { readForPlan, type Planner } from './set-plan';
import type { ImportStage } from './import-stage';
import { checkCommitAsOf } from './data-as-of';
import { AppError } from '../rpc/app-error';
import { settleShare, settlesLargeShare } from '../../shared/large-settle';

export interface ImportOptions {
  asOf: string;
  /** A full export lists every loan of the branch: loans missing from it are settled. */
  fullExport: boolean;
  /** The user confirmed an as-of date far back or well before the register's (see data-as-of.ts). */
  confirmAsOf?: boolean;
  /** The user confirmed settling a large share of the register (see shared/large-settle.ts). */
  confirmSettle?: boolean;
}

/** A plan worked out for a preview, with the register version it was worked out against. */
export interface PreparedImport {
  importId: string;
  opts: ImportOptions;
  plan: ImportPlan;
  registerVersion: number;
  sameFileImported: { at: number; actorName: string; asOf: string } | null;
  /** How the register was read for it (set-plan.ts). */
  planner: 'maps' | 'set';
  /** Its set compare was run while the file was read (compare-ahead.ts). */
  comparedAhead: boolean;
  /** The register it was planned on by maps was read while the file was read (register-ahead.ts). */
  readAhead: boolean;
}

/** A plan worked out inside the caller's transaction (a commit whose preview's plan no longer holds). */
async function planIn(trx: ReadDb, file: ParsedFile, opts: ImportOptions, importId: string): Promise<ImportPlan> {
  const input = await readForPlan(trx, file, opts.asOf, opts.fullExport, 'auto');
  return planImport(input.state, input.file, opts.asOf, opts.fullExport, importId, input.unchanged);
}

/**
 * The file's rows, and its warnings with the plan's (what the file says against the register), in
 * row order. `accepted`: its loans, when they were handed over in batches and not kept (stream-first-import.ts).
 */
export function fileCounts(file: ParsedFile, planWarnings: readonly RowWarning[], accepted = file.loans.length) {
  return {
    rowsRead: file.rowsRead,
    accepted,
    duplicates: file.duplicates,
    rejected: file.rejected.map(({ row, reason, code }) => ({ row, reason, code })),
    warnings: planWarnings.length === 0 ? file.warnings : [...file.warnings, ...planWarnings].sort((a, b) => a.row - b.row),
  };
}

function planCounts(plan: ImportPlan) {
  return {
    inserted: plan.loanInserts.length,
    updated: plan.loanUpdates.length,
    unchanged: plan.unchangedLoans,
    settled: plan.settle.length,
    newerRegisterAsOf: plan.newerRegisterAsOf,
  };
}

/**
 * Works out what committing would do, on the current register, without writing anything.
 * `stage`: the file's loans staged while it was read (handlers.ts); `planner`: the bench compares the two ways.
 */
export async function prepareImport(db: ReadDb, file: ParsedFile, opts: ImportOptions, stage?: ImportStage, planner: Planner = 'auto'): Promise<PreparedImport> {
  // The staged batches still queued need the connection: they run before the transaction holds it.
  await stage?.settled();
  // Version and what the plan needs come from one read transaction (one snapshot); planning in JS
  // runs after it, so other calls are not kept waiting for the connection while a large file is compared.
  const { version, input, same } = await readTransaction(db, async (trx) => {
    const version = await registerVersion(trx);
    return {
      version,
      input: await readForPlan(trx, file, opts.asOf, opts.fullExport, planner, stage, version),
      same: await trx
        .selectFrom('imports')
        .select(['created_at as at', 'actor_name as actorName', 'as_of as asOf'])
        .where('sha256', '=', file.sha256)
        .orderBy('created_at', 'desc')
        .executeTakeFirst(),
    };
  });
  const importId = newId();
  return {
    importId,
    opts,
    plan: planImport(input.state, input.file, opts.asOf, opts.fullExport, importId, input.unchanged),
    registerVersion: version,
    sameFileImported: same ?? null,
    planner: input.used,
    comparedAhead: input.comparedAhead === true,
    readAhead: input.readAhead === true,
  };
}

export function previewCounts(file: ParsedFile, prepared: PreparedImport): ImportPreviewCounts {
  const { plan } = prepared;
  return {
    ...fileCounts(file, plan.warnings),
    ...planCounts(plan),
    newBorrowers: plan.borrowerInserts.length,
    changedBorrowers: plan.borrowerUpdates.length,
    newVillages: plan.villages.length,
    sameFileImported: prepared.sameFileImported,
  };
}

/** What a commit runs beside the import, in its transaction, and whom it tells how far it is. */
export interface CommitHooks {
  /** Runs in the same transaction (the mapping profile a preview chose). */
  alsoWrite?: (w: WriteContext) => Promise<void>;
  /** Rows written so far of about how many: at the start, after each table, and at the end. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Imports the file in one transaction — all of it or nothing — and records the import.
 * A plan prepared for the preview is written as it is when the register has not changed
 * since and the options are the same; otherwise the plan is worked out again inside the
 * transaction, so it always matches the register it is written to. A cancel (the writer's
 * signal) stops it at its next statement and rolls it all back.
 */
export async function commitImport(
  write: Writer,
  db: ReadDb,
  file: ParsedFile,
  opts: ImportOptions,
  prepared?: PreparedImport,
  hooks: CommitHooks = {},
): Promise<ImportCounts & { importId: string }> {
  const result = await write(async (w) => {
    // Inside the transaction, so that it judges the date against the register it writes to.
    await checkCommitAsOf(w.trx, opts.asOf, opts.confirmAsOf === true);
    const reusable =
      prepared !== undefined &&
      prepared.opts.asOf === opts.asOf &&
      prepared.opts.fullExport === opts.fullExport &&
      prepared.registerVersion === (await registerVersion(w.trx));
    const importId = reusable ? prepared.importId : newId();
    w.setCause({ kind: 'import', id: importId });
    const plan = reusable ? prepared.plan : await planIn(w.trx, file, opts, importId);
    // Judged on the plan this transaction writes, not on the preview's figures.
    if (opts.confirmSettle !== true) refuseLargeSettle(opts.fullExport, planCounts(plan));
    // The loan files and first inspection tasks are about one row per new loan each.
    const total = planRows(plan) + 2 * plan.loanInserts.length;
    let done = 0;
    const wrote = (rows: number) => hooks.onProgress?.((done = Math.min(total, done + rows)), total);
    wrote(0);
    await applyImportPlan(w, plan, wrote);
    wrote(await openArchiveFiles(w, plan));
    await scheduleInspections(w, plan, opts.asOf);
    const counts = { ...fileCounts(file, plan.warnings), ...planCounts(plan) };
    await recordImport(w, importId, file, opts, counts);
    if (hooks.alsoWrite) await hooks.alsoWrite(w);
    // In the import's own transaction: after its commit another program (waiting for it) may hold the lock for long.
    await refreshPlannerStats(w.trx);
    hooks.onProgress?.(total, total);
    return { importId, ...counts };
  }, { cancellable: true });
  return result;
}

/** The import's own row: the file it came from, who imported it, and what it did (its counts, rejections and warnings). */
export async function recordImport(w: WriteContext, importId: string, file: ParsedFile, opts: Pick<ImportOptions, 'asOf' | 'fullExport'>, counts: ImportCounts): Promise<void> {
  await w.insert('imports', {
    id: importId,
    file_name: file.fileName,
    sha256: file.sha256,
    format: file.format,
    as_of: opts.asOf,
    full_export: opts.fullExport ? 1 : 0,
    actor_id: w.actor.id,
    actor_name: w.actor.name,
    rows_read: counts.rowsRead,
    accepted: counts.accepted,
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.unchanged,
    duplicates: counts.duplicates,
    settled: counts.settled,
    rejected_json: JSON.stringify(counts.rejected),
    warnings_json: JSON.stringify(counts.warnings),
  });
}

function refuseLargeSettle(fullExport: boolean, counts: { settled: number; updated: number; unchanged: number }): void {
  if (!settlesLargeShare(fullExport, counts)) return;
  const percent = Math.round(settleShare(counts) * 100);
  throw new AppError(
    'CONFIRM_SETTLE',
    `将有 ${counts.settled} 笔在贷贷款（约占 ${percent}%）因不在此文件中而标记为结清。请确认这是核心系统的完整导出，确认后再导入。`,
    `full export would settle ${counts.settled} loans (${percent} %) and was not confirmed`,
    { settled: counts.settled, share: settleShare(counts) },
  );
}
