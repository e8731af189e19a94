import type { ImportCounts, ImportLoadResult } from '../../shared/api/imports';
import { newId } from '../db/new-id';
import { refreshPlannerStats } from '../db/connection';
import type { ReadDb } from '../db/read-db';
import type { LoggedTable } from '../db/schema';
import type { SignedInWritingContext } from '../rpc/handler-types';
import { chooseAsOf } from './choose-as-of';
import { checkCommitAsOf } from './data-as-of';
import { FirstImportWriter } from './first-import-writer';
import { maxLoanFen } from './loan-limit';
import { parseImportFileIn } from './parse/parse-in-worker';
import { loadProfiles } from './profiles';
import { loadRegisterBasics, registerState } from './register-state';
import { fileCounts, recordImport } from './run-import';

/** 'needs-mapping': the header row was not recognised (the app's preview maps the columns once); 'register-not-empty': see imports.load. */
export type FirstImportOutcome = ImportLoadResult;

export interface FirstImportArgs {
  fileName: string;
  /** The file as uploaded: decoded only once the register is found empty (else the preview's path reads it). */
  contentBase64: string;
  /** The date given (--as-of); the file's own comes first (choose-as-of.ts). */
  asOf: string | undefined;
  fullExport: boolean;
  confirmAsOf: boolean;
}

/** The tables a first import fills: their plain indexes are built once, after the rows (WriteContext.withIndexesAfter). */
const FILLED: LoggedTable[] = ['borrowers', 'borrower_phones', 'loans', 'loan_assignments', 'loan_snapshots', 'archive_files', 'inspection_tasks'];

/**
 * An unattended import into a register with nothing to compare against (the CLI's first import
 * of a branch or a county), written while the file is read: each batch the parse worker hands over
 * is planned and written at once (first-import-writer.ts), in one transaction, so the file and its
 * plan are never held whole, and parsing and writing overlap. All of it lands or none: a file
 * refused late (a totals mismatch, a damaged part) or a cancel rolls back every batch written.
 * The rules are planImport's; a register that has loans, borrowers or imports is left to the preview's path.
 */
export async function streamFirstImport(ctx: SignedInWritingContext, args: FirstImportArgs): Promise<FirstImportOutcome> {
  const { db } = ctx.app;
  if (!(await registerIsEmpty(db))) return { kind: 'register-not-empty' };
  const bytes = Buffer.from(args.contentBase64, 'base64');
  const profiles = await loadProfiles(db);
  const maxFen = await maxLoanFen(db);
  // Cancellable: a cancel also stops the writes at their next statement (the borrowers completed and the indexes built after the file).
  const outcome = await ctx.write(async (w): Promise<FirstImportOutcome> => {
    // Another import may have come first since.
    if (!(await registerIsEmpty(w.trx))) return { kind: 'register-not-empty' };
    const importId = newId();
    w.setCause({ kind: 'import', id: importId });
    const state = registerState(await loadRegisterBasics(w.trx), { loans: [], lastAsOf: [], snapshots: [], borrowers: [], phones: [], current: [], onAsOf: [] });

    const loaded = await w.withIndexesAfter(FILLED, async (): Promise<FirstImportOutcome> => {
      // The parse stops at the first batch that fails to write; the caller's cancel stops both.
      ctx.signal.throwIfAborted();
      const stop = new AbortController();
      const onCancel = () => stop.abort(ctx.signal.reason);
      ctx.signal.addEventListener('abort', onCancel, { once: true });
      let failure: unknown = null;
      const fail = (err: unknown) => {
        if (failure !== null) return;
        failure = err;
        stop.abort(err);
      };
      const head: { chosen?: { asOf: string; notice: string | null }; writer?: FirstImportWriter } = {};
      // The batches are written one after another, in file order, while the worker reads on.
      let queue: Promise<void> = Promise.resolve();
      /** Queues a step; returns it, settled once it ran (never rejected: a failure stops the parse). */
      const then = (step: () => Promise<void>) => (queue = queue.then(() => (failure === null ? step() : undefined)).catch(fail));
      try {
        const parsed = await parseImportFileIn(ctx.app.parseWorkerUrl, bytes, args.fileName, {
          profiles,
          maxLoanFen: maxFen,
          signal: stop.signal,
          loansInBatchesOnly: true,
          onProgress: (done, total) => ctx.emit('imports.progress', { done, total }),
          onHead: ({ asOf: fileAsOf, layout }) =>
            void then(async () => {
              const chosen = chooseAsOf(fileAsOf, args.asOf);
              await checkCommitAsOf(w.trx, chosen.asOf, args.confirmAsOf);
              head.chosen = chosen;
              head.writer = new FirstImportWriter(w, state, chosen.asOf, importId, layout);
            }),
          onLoans: (batch) => then(() => head.writer!.batch(batch)),
        }).finally(() => queue);
        if (failure !== null) throw failure;
        // A cancel that came once the file was read still stops it: nothing is committed until the end.
        ctx.signal.throwIfAborted();
        if (parsed.kind === 'needs-mapping') return { kind: 'needs-mapping' };
        const { file } = parsed;
        const { chosen, writer } = head;
        if (!chosen || !writer) throw new Error('first import: a parsed file without its head');
        const { asOf } = chosen;
        const tally = await writer.finish();
        ctx.signal.throwIfAborted();
        const counts: ImportCounts = {
          ...fileCounts(file, tally.warnings, tally.accepted),
          inserted: tally.inserted,
          updated: tally.updated,
          unchanged: tally.unchanged,
          settled: 0,
          newerRegisterAsOf: null,
        };
        await recordImport(w, importId, file, { asOf, fullExport: args.fullExport }, counts);
        return { kind: 'imported', counts: { importId, ...counts }, asOf, notice: chosen.notice };
      } catch (err) {
        throw failure ?? err;
      } finally {
        ctx.signal.removeEventListener('abort', onCancel);
      }
    });
    // In the import's own transaction: after its commit another program (waiting for it) may hold the lock for long.
    if (loaded.kind === 'imported') await refreshPlannerStats(w.trx);
    return loaded;
  }, { cancellable: true });
  return outcome;
}

/** Nothing an import compares a file with: no loan, no borrower, no import yet. */
async function registerIsEmpty(db: ReadDb): Promise<boolean> {
  const [loan, borrower, done] = await Promise.all([
    db.selectFrom('loans').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('borrowers').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('imports').select('id').limit(1).executeTakeFirst(),
  ]);
  return loan === undefined && borrower === undefined && done === undefined;
}
