import { NOTICE_KIND_LABELS, TEMPLATE_KINDS, type TemplateKind, type TemplateWording } from '../../shared/notices';
import { hasReceipt, type SavedWording, type TemplateView } from '../../shared/api/notice-templates';
import type { WriteContext } from '../changelog/write-context';
import type { ReadDb } from '../db/read-db';
import type { Row } from '../db/schema';
import { AppError } from '../rpc/app-error';
import { BUILT_IN_WORDING } from './built-in-wording';

function wordingOf(row: Row<'notice_templates'>): TemplateWording {
  return { paper: row.paper, title: row.title, body: row.body, receipt: hasReceipt(row.kind) ? row.receipt : '' };
}

function view(kind: TemplateKind, row: Row<'notice_templates'> | undefined): TemplateView {
  return {
    kind,
    label: NOTICE_KIND_LABELS[kind],
    wording: row ? wordingOf(row) : BUILT_IN_WORDING[kind],
    builtIn: BUILT_IN_WORDING[kind],
    customised: row !== undefined,
    updatedAt: row?.updated_at ?? null,
    hasReceipt: hasReceipt(kind),
  };
}

/** The wording a kind prints with: the admin's row in notice_templates, else the built-in one. */
export async function readTemplate(db: ReadDb, kind: TemplateKind): Promise<TemplateWording> {
  const row = await db.selectFrom('notice_templates').selectAll().where('kind', '=', kind).executeTakeFirst();
  return row ? wordingOf(row) : BUILT_IN_WORDING[kind];
}

/** Every kind, in the order of TEMPLATE_KINDS, with the wording in use. */
export async function listTemplates(db: ReadDb): Promise<TemplateView[]> {
  const rows = await db.selectFrom('notice_templates').selectAll().execute();
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return TEMPLATE_KINDS.map((kind) => view(kind, byKind.get(kind)));
}

const stale = (kind: TemplateKind) =>
  new AppError('STALE_WRITE', '这个模板已被其他人修改，本次修改未保存。请刷新后重试。', `notice_templates ${kind}: changed since read`);

async function rowOf(w: WriteContext, kind: TemplateKind, expectedUpdatedAt: number | null | undefined) {
  const row = await w.trx.selectFrom('notice_templates').selectAll().where('kind', '=', kind).executeTakeFirst();
  if (expectedUpdatedAt !== undefined && (row?.updated_at ?? null) !== expectedUpdatedAt) throw stale(kind);
  return row;
}

/** Saves an admin's wording (validated by the contract); with expectedUpdatedAt, only if nobody saved or reset it since. */
export async function saveTemplate(w: WriteContext, input: SavedWording): Promise<TemplateView> {
  const row = await rowOf(w, input.kind, input.expectedUpdatedAt);
  const values = { paper: input.paper, title: input.title, body: input.body, receipt: hasReceipt(input.kind) ? input.receipt : '' };
  const after = row ? ((await w.update('notice_templates', row, values)) ?? row) : await w.insert('notice_templates', { kind: input.kind, ...values });
  return view(input.kind, after);
}

/** Back to the built-in wording: the admin's row is deleted (logged like any write). */
export async function resetTemplate(w: WriteContext, kind: TemplateKind): Promise<TemplateView> {
  const row = await rowOf(w, kind, undefined);
  if (row) await w.delete('notice_templates', row);
  return view(kind, undefined);
}
