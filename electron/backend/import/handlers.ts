import type { ImportProgress } from '../../shared/api/calls';
import type { ImportPreview, importsApi } from '../../shared/api/imports';
import type { WriteContext } from '../changelog/write-context';
import { AppError } from '../rpc/app-error';
import type { HandlersFor, SignedInContext } from '../rpc/handler-types';
import { parseImportFileIn } from './parse/parse-in-worker';
import type { ParseOptions } from './parse/parse-import-file';
import { ImportStage } from './import-stage';
import type { ReadDb } from '../db/read-db';
import { previewStore, type PreviewEntry } from './preview-store';
import { maxLoanFen } from './loan-limit';
import { loadProfiles, saveProfile } from './profiles';
import { commitImport, prepareImport, previewCounts } from './run-import';
import { importIssues, listImports } from './list-imports';
import { todayLocal } from '../../shared/dates';
import { asOfWarning, refuseFutureAsOf, registerDataAsOf } from './data-as-of';
import { stagingPays } from './set-plan';
import { CompareAhead } from './compare-ahead';
import { RegisterAhead } from './register-ahead';
import type { Layout } from './parsed-file';
import { streamFirstImport } from './stream-first-import';

/** 'system': the CLI imports unattended, as the system actor, when no `--as` is given. */
const IMPORT_ROLES = ['clerk', 'head', 'admin', 'system'] as const;

const PREVIEW_GONE = new AppError('PREVIEW_EXPIRED', '预览已失效，请重新选择文件', 'preview not found or expired');

/** Progress of reading the file, to the caller of this preview only. */
function progress(ctx: SignedInContext) {
  return (done: number, total: number) => ctx.emit('imports.progress', { done, total } satisfies ImportProgress);
}

async function describe(ctx: SignedInContext, previewId: string, entry: PreviewEntry, asOf: string | null, fullExport: boolean, stage?: ImportStage): Promise<ImportPreview> {
  if (entry.kind === 'needs-mapping') throw PREVIEW_GONE;
  const { file } = entry;
  // A date the user gave is refused when after today; the file's own is set aside, and the user asked for one.
  const today = todayLocal();
  if (asOf !== null) refuseFutureAsOf(asOf, today);
  const fileAsOfRefused =
    asOf === null && file.asOf !== null && file.asOf > today ? `文件中的数据日期 ${file.asOf} 晚于今天（${today}），未采用。请填写核心系统导出数据的日期。` : null;
  const effective = asOf ?? (fileAsOfRefused ? null : file.asOf);
  const prepared = effective ? await prepareImport(ctx.app.db, file, { asOf: effective, fullExport }, stage) : undefined;
  previewStore(ctx.app).setPrepared(previewId, prepared);
  return {
    kind: 'preview',
    previewId,
    fileName: file.fileName,
    format: file.format,
    fileAsOf: file.asOf,
    fileAsOfRefused,
    asOf: effective,
    fullExport,
    counts: prepared ? previewCounts(file, prepared) : null,
    asOfWarning: effective ? await asOfWarning(ctx.app.db, effective) : null,
    totals: file.totals,
  };
}

async function registerHasLoans(db: ReadDb): Promise<boolean> {
  return (await db.selectFrom('loans').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Once the file's head is read, with `planAsOf` the date the preview will plan with (describe): its
 * rows are staged only if that plan compares them in SQLite, and then compared as they are staged;
 * else, with a date, the register is read for the plan by maps while the file is read.
 */
function stageFor(db: ReadDb, stage: ImportStage, planAsOf: string | null, layout: Layout): void {
  const pays = stagingPays(db, planAsOf);
  stage.onlyIf(pays);
  stage.compareAhead(pays.then((yes) => (yes ? CompareAhead.start(db, stage, planAsOf!, layout) : null)));
  stage.readRegisterAhead(pays.then((yes) => (!yes && planAsOf !== null ? RegisterAhead.read(db, planAsOf) : null)));
}

/** Reads the file (staging its loans into `stage` as they come) and shows what importing it would do. */
async function preview(
  ctx: SignedInContext,
  args: { fileName: string; layout: ParseOptions['layout']; asOf: string | undefined; fullExport: boolean; bytes: Buffer; profiles: ParseOptions['profiles'] },
  stage: ImportStage | undefined,
): Promise<ImportPreview> {
  const { fileName, layout, asOf, fullExport, bytes, profiles } = args;
  const outcome = await parseImportFileIn(ctx.app.parseWorkerUrl, bytes, fileName, {
    layout,
    profiles,
    onProgress: progress(ctx),
    onLoans: stage ? (batch) => stage.add(batch) : undefined,
    onHead: stage ? ({ asOf: fileAsOf, layout }) => stageFor(ctx.app.db, stage, asOf ?? (fileAsOf !== null && fileAsOf <= todayLocal() ? fileAsOf : null), layout) : undefined,
    signal: ctx.signal,
    maxLoanFen: await maxLoanFen(ctx.app.db),
  });
  ctx.signal.throwIfAborted();
  const store = previewStore(ctx.app);
  const at = Date.now();
  if (outcome.kind === 'needs-mapping') {
    const previewId = store.put({ kind: 'needs-mapping', fileName, bytes, userId: ctx.user.id, at });
    return {
      kind: 'needs-mapping',
      previewId,
      fileName,
      sampleRows: outcome.sampleRows,
      suggestedHeaderIndex: outcome.suggestedHeaderIndex,
      suggestedMapping: outcome.suggestedMapping,
    };
  }
  const entry: PreviewEntry = { kind: 'parsed', file: outcome.file, explicitLayout: layout ?? null, userId: ctx.user.id, at };
  return describe(ctx, store.put(entry), entry, asOf ?? null, fullExport, stage);
}

export const importHandlers: HandlersFor<typeof importsApi> = {
  'imports.preview': {
    access: 'signed-in',
    roles: IMPORT_ROLES,
    run: async ({ fileName, contentBase64, asOf, fullExport, layout }, ctx) => {
      const bytes = Buffer.from(contentBase64, 'base64');
      const profiles = await loadProfiles(ctx.app.db);
      // The loans are staged for the set compare while the worker reads the file (this thread is
      // idle meanwhile); dropped once the plan is made, and on a refused or cancelled file alike.
      const stage = (await registerHasLoans(ctx.app.db)) ? await ImportStage.create(ctx.app.db) : undefined;
      try {
        return await preview(ctx, { fileName, layout, asOf, fullExport, bytes, profiles }, stage);
      } finally {
        await stage?.drop();
      }
    },
  },

  'imports.replan': {
    access: 'signed-in',
    roles: IMPORT_ROLES,
    run: async ({ previewId, asOf, fullExport }, ctx) => {
      const entry = previewStore(ctx.app).get(previewId, ctx.user.id);
      if (!entry) throw PREVIEW_GONE;
      return describe(ctx, previewId, entry, asOf, fullExport);
    },
  },

  'imports.commit': {
    access: 'signed-in',
    roles: IMPORT_ROLES,
    writes: true,
    run: async ({ previewId, asOf, fullExport, confirmAsOf, confirmSettle }, ctx) => {
      const store = previewStore(ctx.app);
      const entry = store.get(previewId, ctx.user.id);
      if (!entry || entry.kind !== 'parsed') throw PREVIEW_GONE;
      const { explicitLayout, file } = entry;
      // A mapping the user chose is remembered in the import's own transaction.
      const rememberMapping = explicitLayout
        ? (w: WriteContext) => saveProfile(w, file.fileName, { headerSignature: file.layout.headerSignature, mapping: explicitLayout.mapping })
        : undefined;
      const result = await commitImport(ctx.write, ctx.app.db, file, { asOf, fullExport, confirmAsOf, confirmSettle }, entry.prepared, {
        alsoWrite: rememberMapping,
        onProgress: progress(ctx),
      });
      store.delete(previewId);
      return result;
    },
  },

  'imports.load': {
    access: 'signed-in',
    roles: IMPORT_ROLES,
    writes: true,
    run: async ({ fileName, contentBase64, asOf, fullExport, confirmAsOf }, ctx) =>
      streamFirstImport(ctx, { fileName, contentBase64, asOf, fullExport, confirmAsOf }),
  },

  'imports.dataAsOf': {
    access: 'signed-in',
    run: async (_args, ctx) => ({ dataAsOf: await registerDataAsOf(ctx.app.db) }),
  },

  'imports.list': {
    access: 'signed-in',
    run: async (_args, ctx) => listImports(ctx.app.db),
  },

  'imports.issues': {
    access: 'signed-in',
    run: async ({ importId }, ctx) => importIssues(ctx.app.db, importId),
  },
};
