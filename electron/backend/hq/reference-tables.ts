import { z } from 'zod';
import { isBusinessDateInput } from '../../shared/api/business-date';
import { savedWordingSchema } from '../../shared/api/notice-templates';
import { GUARANTEE_KINDS } from '../../shared/archive';

/**
 * The reference data head office sends to branches: per table, the shape of a row as the branch
 * stores it (checked with the branch's own rules) and its natural key (as in SYNC_TABLES, so the
 * branch matches its own rows from before pairing). A head-office row is one per branch and key.
 */
export const REFERENCE_TABLES = {
  calendar_days: {
    label: '节假日与调休',
    key: ['day'] as readonly string[],
    row: z
      .object({
        day: z.string().refine(isBusinessDateInput, '日期应为 YYYY-MM-DD 的真实日期'),
        kind: z.enum(['holiday', 'workday'], { error: 'kind 应为 holiday（节假日）或 workday（调休上班）' }),
        name: z.string().trim().max(20, '名称最多 20 个字').default(''),
      })
      .strict(),
  },
  archive_doc_types: {
    label: '档案资料目录',
    key: ['name'] as readonly string[],
    row: z
      .object({
        name: z.string().trim().min(1, '资料名称不能为空').max(40, '资料名称最多 40 个字'),
        sort_order: z.number().int().min(0).max(100_000),
        active: z.union([z.literal(0), z.literal(1)]).default(1),
      })
      .strict(),
  },
  archive_doc_rules: {
    label: '档案资料规则',
    // The document type by its name: ids differ between head office and each branch.
    key: ['doc_type_name', 'product', 'guarantee_type'] as readonly string[],
    row: z
      .object({
        doc_type_name: z.string().trim().min(1, '资料名称不能为空').max(40, '资料名称最多 40 个字'),
        product: z.string().trim().max(40, '产品名称最多 40 个字').default(''),
        guarantee_type: z.enum(['', ...GUARANTEE_KINDS], { error: `担保方式应为空（任意）或 ${GUARANTEE_KINDS.join('、')} 之一` }).default(''),
        required: z.union([z.literal(0), z.literal(1)]),
      })
      .strict(),
  },
  notice_templates: {
    label: '通知书模板',
    key: ['kind'] as readonly string[],
    row: savedWordingSchema.transform(({ expectedUpdatedAt: _ignored, ...wording }) => wording),
  },
} as const;

export type ReferenceTable = keyof typeof REFERENCE_TABLES;
export const REFERENCE_TABLE_NAMES = Object.keys(REFERENCE_TABLES) as ReferenceTable[];
