import { newId } from '../db/new-id';
import type { ImportCounts, ImportPreviewCounts } from '../../shared/api/imports';
import { withWrite, type Actor } from '../changelog/write-context';
import { refreshPlannerStats, type Db } from '../db/connection';
import { applyImportPlan } from './apply-import';
import type { ParsedFile } from './parsed-file';
import { planImport, type ImportPlan } from './plan-import';
import { loadRegisterState } from './register-state';

export interface ImportOptions {
  asOf: string;
  /** A full export lists every loan of the branch: loans missing from it are settled. */
  fullExport: boolean;
}

function fileCounts(file: ParsedFile) {
  return {
    rowsRead: file.rowsRead,
    accepted: file.loans.length,
    duplicates: file.duplicates,
    rejected: file.rejected.map(({ row, reason, code }) => ({ row, reason, code })),
    warnings: file.warnings,
  };
}

function planCounts(plan: ImportPlan) {
  return {
    inserted: plan.loanInserts.length,
    updated: plan.loanUpdates.length,
    unchanged: plan.unchangedLoans,
    settled: plan.settle.length,
  };
}

/** What committing would do, computed on the current register without writing anything. */
export async function previewImport(db: Db, file: ParsedFile, opts: ImportOptions): Promise<ImportPreviewCounts> {
  const plan = planImport(await loadRegisterState(db, opts.asOf), file, opts.asOf, opts.fullExport, null);
  return {
    ...fileCounts(file),
    ...planCounts(plan),
    newBorrowers: plan.borrowerInserts.length,
    changedBorrowers: plan.borrowerUpdates.length,
    newVillages: plan.villages.length,
  };
}

/** Imports the file in one transaction — all of it or nothing — and records the import. */
export async function commitImport(db: Db, actor: Actor, file: ParsedFile, opts: ImportOptions): Promise<ImportCounts & { importId: string }> {
  const result = await withWrite(db, actor, async (w) => {
    const importId = newId();
    // Planned inside the transaction: the register cannot change between plan and write.
    const plan = planImport(await loadRegisterState(w.trx, opts.asOf), file, opts.asOf, opts.fullExport, importId);
    await applyImportPlan(w, plan);
    const counts = { ...fileCounts(file), ...planCounts(plan) };
    await w.insert('imports', {
      id: importId,
      file_name: file.fileName,
      sha256: file.sha256,
      format: file.format,
      as_of: opts.asOf,
      full_export: opts.fullExport ? 1 : 0,
      actor_id: actor.id,
      actor_name: actor.name,
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
    return { importId, ...counts };
  });
  await refreshPlannerStats(db);
  return result;
}
