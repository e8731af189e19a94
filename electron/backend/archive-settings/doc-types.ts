import type { ParsedInputOf } from '../../shared/api/contract';
import type { archiveSettingsApi } from '../../shared/api/archive-settings';
import type { WriteContext } from '../changelog/write-context';
import { AppError } from '../rpc/app-error';

type DocTypeInput = ParsedInputOf<(typeof archiveSettingsApi)['archiveSettings.saveDocType']>;

/** Gap between neighbours, so that a type can later be put between two without renumbering. */
const SORT_STEP = 10;

/**
 * Adds a type to the catalogue or changes one. A type is never deleted: files already list it,
 * so one no longer used is made inactive (and is then required of no loan).
 */
export async function saveDocType(w: WriteContext, input: DocTypeInput): Promise<void> {
  const sameName = await w.trx.selectFrom('archive_doc_types').select('id').where('name', '=', input.name).executeTakeFirst();
  if (sameName && sameName.id !== input.id) {
    throw new AppError('CONFLICT', `已有名为“${input.name}”的资料，请换一个名称。`, `archive doc type name taken: ${input.name}`);
  }
  if (input.id === undefined) {
    const last = await w.trx.selectFrom('archive_doc_types').select((eb) => eb.fn.max('sort_order').as('max')).executeTakeFirst();
    const sortOrder = input.sortOrder ?? (last?.max ?? 0) + SORT_STEP;
    await w.insert('archive_doc_types', { name: input.name, sort_order: sortOrder, active: input.active === false ? 0 : 1 });
    return;
  }
  const before = await w.trx.selectFrom('archive_doc_types').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw new AppError('NOT_FOUND', '找不到该资料类型，可能已被他人修改，请刷新后重试。', `archive doc type ${input.id} not found`);
  const sortOrder = input.sortOrder ?? before.sort_order;
  if (sortOrder !== before.sort_order) {
    // Up/down: the type that held the place takes the moved one's.
    const holder = await w.trx
      .selectFrom('archive_doc_types')
      .selectAll()
      .where('sort_order', '=', sortOrder)
      .where('id', '!=', before.id)
      .executeTakeFirst();
    if (holder) await w.update('archive_doc_types', holder, { sort_order: before.sort_order });
  }
  const active = input.active === undefined ? before.active : input.active ? 1 : 0;
  await w.update('archive_doc_types', before, { name: input.name, sort_order: sortOrder, active });
}
