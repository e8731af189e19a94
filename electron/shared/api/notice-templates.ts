import { z } from 'zod';
import { checkPhone, normalizePhone } from '../phone';
import { KINDS_WITH_RECEIPT, PLACEHOLDERS, TEMPLATE_KINDS, type Letterhead, type Placeholder, type TemplateKind, type TemplateWording } from '../notices';
import { overLimit } from '../text-length';
import { rpc } from './contract';
import type { PrintOutcome } from './register';

/**
 * Notice templates (wording, paper) and the letterhead (bank, branch, address, phone). The
 * built-in wording is used for a kind until an admin saves their own; reset goes back to it.
 */

export const TEMPLATE_TITLE_MAX = 30;
export const TEMPLATE_BODY_MAX = 1200;
/** A contact card is the size of a business card: a line or two of wording. */
export const CARD_BODY_MAX = 120;
export const TEMPLATE_RECEIPT_MAX = 400;

/** What a contact card may name: the household, its village and manager, the branch (no loan figures: borrower or not). */
export const CONTACT_CARD_PLACEHOLDERS: readonly Placeholder[] = ['收件人', '借款人', '村', '住址', '客户经理', '客户经理电话', '银行', '支行', '支行地址', '支行电话'];

export function placeholdersFor(kind: TemplateKind): readonly Placeholder[] {
  return kind === 'contact-card' ? CONTACT_CARD_PLACEHOLDERS : PLACEHOLDERS;
}

export function hasReceipt(kind: TemplateKind): boolean {
  return (KINDS_WITH_RECEIPT as readonly string[]).includes(kind);
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Full-width braces typed with a Chinese input method count as braces. */
export function normalizeBraces(text: string): string {
  return text.replace(/｛/g, '{').replace(/｝/g, '}');
}

/** `{…}` in `text` that `kind` cannot fill, each once, in order. */
export function unknownPlaceholders(text: string, kind: TemplateKind): string[] {
  const known = new Set<string>(placeholdersFor(kind));
  const out: string[] = [];
  for (const m of normalizeBraces(text).matchAll(PLACEHOLDER)) {
    if (!known.has(m[1]) && !out.includes(m[0])) out.push(m[0]);
  }
  return out;
}

export function unknownPlaceholderMessage(unknown: readonly string[], kind: TemplateKind): string {
  const where = kind === 'contact-card' ? '联系卡' : '通知书';
  return `${where}模板中有无法填写的占位符：${unknown.join('、')}。请从右侧列表中选择占位符。`;
}

export interface TemplateView {
  kind: TemplateKind;
  label: string;
  /** The wording in use: the admin's, or the built-in one. */
  wording: TemplateWording;
  /** The built-in wording, for comparison and for 恢复默认. */
  builtIn: TemplateWording;
  customised: boolean;
  /** The admin's row's stamp (epoch ms); null while the built-in wording is in use. */
  updatedAt: number | null;
  hasReceipt: boolean;
}

export interface LetterheadView extends Letterhead {
  /** The bank name used while none is set. */
  defaultBankName: string;
}

const templateKind = z.enum(TEMPLATE_KINDS, { error: '请选择模板种类' });
const paper = z.enum(['A4', 'A5'], { error: '请选择纸张大小' });

/** Text as typed, with full-width braces made half-width and line ends made \n. */
const wordingText = z.string().transform((s) => normalizeBraces(s.replace(/\r\n?/g, '\n')).trim());

function limit(ctx: z.RefinementCtx, path: string, value: string, max: number): void {
  const message = overLimit(value, max);
  if (message) ctx.addIssue({ code: 'custom', path: [path], message });
}

const wordingFields = { kind: templateKind, paper, title: wordingText, body: wordingText, receipt: wordingText.default('') };

/** A wording as saved: required parts present, lengths within limits, every placeholder one the kind can fill. */
export const savedWordingSchema = z
  .object({ ...wordingFields, expectedUpdatedAt: z.number().int().nullable().optional() })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.title) ctx.addIssue({ code: 'custom', path: ['title'], message: '请填写标题' });
    if (!v.body) ctx.addIssue({ code: 'custom', path: ['body'], message: '请填写正文' });
    if (hasReceipt(v.kind) && !v.receipt) ctx.addIssue({ code: 'custom', path: ['receipt'], message: '这种通知书带回执，请填写回执内容' });
    if (v.kind === 'contact-card' && v.paper !== 'A4') ctx.addIssue({ code: 'custom', path: ['paper'], message: '联系卡只能用 A4 纸打印（每页 10 张）' });
    limit(ctx, 'title', v.title, TEMPLATE_TITLE_MAX);
    limit(ctx, 'body', v.body, v.kind === 'contact-card' ? CARD_BODY_MAX : TEMPLATE_BODY_MAX);
    limit(ctx, 'receipt', v.receipt, TEMPLATE_RECEIPT_MAX);
    for (const field of ['title', 'body', 'receipt'] as const) {
      const unknown = unknownPlaceholders(v[field], v.kind);
      if (unknown.length > 0) ctx.addIssue({ code: 'custom', path: [field], message: unknownPlaceholderMessage(unknown, v.kind) });
    }
  });
export type SavedWording = z.output<typeof savedWordingSchema>;

/** A wording being edited: anything short enough to render (the preview shows what is wrong instead of refusing). */
const draftWording = z
  .object({
    paper,
    title: z.string().max(TEMPLATE_TITLE_MAX * 4),
    body: z.string().max(TEMPLATE_BODY_MAX * 4),
    receipt: z.string().max(TEMPLATE_RECEIPT_MAX * 4).default(''),
  })
  .strict();

const letterText = (max: number, required: string | null) =>
  z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      if (required && !s) ctx.addIssue({ code: 'custom', message: required });
      const message = overLimit(s, max);
      if (message) ctx.addIssue({ code: 'custom', message });
    });

const letterPhone = z
  .string()
  .transform((s) => (s.trim() === '' ? '' : normalizePhone(s)))
  .refine((s) => s === '' || checkPhone(s).ok, '电话无效，请填写手机号或带区号的座机号（如 0358-1234567）');

export const noticeTemplatesApi = {
  /** Every kind with the wording in use; any signed-in user. */
  'noticeTemplates.list': rpc<TemplateView[]>()(z.object({}).strict()),
  /** Admins: the kind's wording from now on (numbers and notices already issued keep what they printed). */
  'noticeTemplates.save': rpc<TemplateView>()(savedWordingSchema),
  /** Admins: back to the built-in wording. */
  'noticeTemplates.reset': rpc<TemplateView>()(z.object({ kind: templateKind }).strict()),
  /**
   * A wording filled with sample figures, as one printable HTML document (for a sandboxed
   * iframe); `problems` names what saving would refuse. Any signed-in user.
   */
  'noticeTemplates.preview': rpc<{ html: string; problems: string[] }>()(z.object({ kind: templateKind, wording: draftWording }).strict()),
  'noticeTemplates.letterhead': rpc<LetterheadView>()(z.object({}).strict()),
  'noticeTemplates.setLetterhead': rpc<LetterheadView>()(
    z
      .object({
        bankName: letterText(40, '请填写银行名称'),
        branchName: letterText(30, '请填写支行名称'),
        address: letterText(80, null),
        phone: letterPhone,
      })
      .strict(),
  ),
  /**
   * 客户经理联系卡 for every household of a village, borrower or not, 10 to an A4 sheet, in
   * register order. Account managers only for villages in their own book.
   */
  'noticeTemplates.printContactCards': rpc<PrintOutcome & { cards: number }>()(
    z
      .object({
        villageId: z.string().min(1).max(100),
        deliver: z.enum(['file', 'preview']).default('file'),
      })
      .strict(),
  ),
};
