import type { ParsedInputOf } from '../../shared/api/contract';
import type { archiveSettingsApi } from '../../shared/api/archive-settings';
import type { WriteContext } from '../changelog/write-context';
import { AppError } from '../rpc/app-error';

type RuleInput = ParsedInputOf<(typeof archiveSettingsApi)['archiveSettings.saveRule']>;

/**
 * Sets the rule for one type, product and guarantee type (required or not), or removes it so
 * that a less specific rule decides. Files already opened follow: what they need is worked out
 * from the rules whenever they are read.
 */
export async function saveRule(w: WriteContext, input: RuleInput): Promise<void> {
  const type = await w.trx.selectFrom('archive_doc_types').select('id').where('id', '=', input.docTypeId).executeTakeFirst();
  if (!type) throw new AppError('NOT_FOUND', '找不到该资料类型，可能已被他人修改，请刷新后重试。', `archive doc type ${input.docTypeId} not found`);
  const before = await w.trx
    .selectFrom('archive_doc_rules')
    .selectAll()
    .where('doc_type_id', '=', input.docTypeId)
    .where('product', '=', input.product)
    .where('guarantee_type', '=', input.guaranteeType)
    .executeTakeFirst();
  if (input.required === null) {
    if (before) await w.delete('archive_doc_rules', before);
    return;
  }
  const required = input.required ? 1 : 0;
  if (before) await w.update('archive_doc_rules', before, { required });
  else await w.insert('archive_doc_rules', { doc_type_id: input.docTypeId, product: input.product, guarantee_type: input.guaranteeType, required });
}
