import { z } from 'zod';
import { rpc } from './contract';
import { businessDate } from './business-date';
import { limitedText } from './limited-text';
import { GUARANTEE_KINDS, type GuaranteeKind } from '../archive';
import type { ArchiveDocTypeView } from './archives';

/**
 * Settings of loan files: the document catalogue, which types each product and guarantee type
 * needs, the deadline in working days, the calendar (holidays, weekend days worked) and the
 * cut-over date before which files count as already received (the backlog).
 */

export interface ArchiveRuleView {
  id: string;
  docTypeId: string;
  /** '' = every product. */
  product: string;
  /** '' = every guarantee type. */
  guaranteeType: GuaranteeKind | '';
  required: boolean;
}

export interface CalendarDayView {
  id: string;
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface ArchiveSettingsView {
  docTypes: ArchiveDocTypeView[];
  rules: ArchiveRuleView[];
  /** Products the register's loans name: what a rule can be given for. */
  products: string[];
  deadlineDays: number;
  calendar: CalendarDayView[];
  cutoverDate: string | null;
}

const id = z.string().min(1).max(100);

export const archiveSettingsApi = {
  'archiveSettings.get': rpc<ArchiveSettingsView>()(z.object({}).strict()),
  /**
   * Adds a type (no id; placed after the last unless `sortOrder` is given) or renames, reorders,
   * (de)activates one. Moving a type to the place of another swaps the two (up/down in one call).
   */
  'archiveSettings.saveDocType': rpc<ArchiveSettingsView>()(
    z
      .object({
        id: id.optional(),
        name: z.string().trim().min(1, '请填写资料名称').max(40, '资料名称最多 40 个字'),
        sortOrder: z.number().int().min(0).max(100000).optional(),
        /** A new type is active unless said; a change keeps the type's state unless said. */
        active: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Sets whether a type is required for a product and guarantee type ('' = any); `required: null` removes the rule. */
  'archiveSettings.saveRule': rpc<ArchiveSettingsView>()(
    z
      .object({
        docTypeId: id,
        product: limitedText(40).default(''),
        guaranteeType: z.enum(['', ...GUARANTEE_KINDS]).default(''),
        required: z.boolean().nullable(),
      })
      .strict(),
  ),
  /** Working days from disbursement to hand-over; the deadlines of files not yet handed over follow. */
  'archiveSettings.setDeadlineDays': rpc<ArchiveSettingsView & { filesRescheduled: number }>()(
    z.object({ days: z.number().int('天数应为整数').min(1, '至少 1 个工作日').max(250, '最多 250 个工作日') }).strict(),
  ),
  /** A holiday or a weekend day worked (调休上班); `kind: null` removes the day. Deadlines follow. */
  'archiveSettings.saveCalendarDay': rpc<ArchiveSettingsView & { filesRescheduled: number }>()(
    z.object({ day: businessDate, kind: z.enum(['holiday', 'workday']).nullable(), name: limitedText(20).default('') }).strict(),
  ),
  /** How many files a cut-over at `before` would mark received: what the confirmation says. */
  'archiveSettings.cutoverPreview': rpc<{ before: string; files: number }>()(z.object({ before: businessDate }).strict()),
  /**
   * The cut-over: files of loans disbursed before `before` that are still 收集中 become 已签收
   * (the backlog, marked as such); later imports create such files already received.
   */
  'archiveSettings.setCutover': rpc<{ cutoverDate: string; filesReceived: number }>()(z.object({ before: businessDate }).strict()),
};
