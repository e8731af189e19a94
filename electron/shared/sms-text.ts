/**
 * SMS reminder text (短信批量提醒): the template's placeholders and how a message is counted.
 * Pure: the backend fills the batch, the renderer counts as the clerk types.
 */

export const SMS_PLACEHOLDERS = ['姓名', '金额', '日期', '客户经理电话', '贷款账号', '客户经理'] as const;
export type SmsPlaceholder = (typeof SMS_PLACEHOLDERS)[number];

/** A message of up to this many characters is one SMS. */
export const SMS_SINGLE_LIMIT = 70;
/** A longer one is sent as concatenated parts of this many characters each (UCS-2: 3 of the 70 go to the part header). */
export const SMS_PART_LIMIT = 67;

export const DEFAULT_SMS_TEMPLATE =
  '{姓名}您好，您在我行的贷款（账号{贷款账号}）应还金额{金额}元，日期{日期}，请按时足额还款。如有疑问请联系客户经理{客户经理}，电话{客户经理电话}。';

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Length as the SMS platform counts it: UTF-16 code units (UCS-2, the encoding used for any
 * message with Chinese characters), so a rare character outside the BMP counts twice.
 */
export function smsLength(text: string): number {
  return text.length;
}

/** Parts a message is sent as: 1 up to 70 characters, else one per 67 (long-SMS concatenation); 0 for empty. */
export function smsSegments(text: string): number {
  const n = smsLength(text);
  if (n === 0) return 0;
  return n <= SMS_SINGLE_LIMIT ? 1 : Math.ceil(n / SMS_PART_LIMIT);
}

/** `{…}` in the template that is not one of SMS_PLACEHOLDERS, each once, in order. */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(SMS_PLACEHOLDERS);
  const out: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (!known.has(m[1]) && !out.includes(m[0])) out.push(m[0]);
  }
  return out;
}

export function usesPlaceholder(template: string, name: SmsPlaceholder): boolean {
  return template.includes(`{${name}}`);
}

/** The template with each known placeholder replaced; unknown ones are left as written. */
export function fillSmsTemplate(template: string, values: Record<SmsPlaceholder, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => ((SMS_PLACEHOLDERS as readonly string[]).includes(name) ? values[name as SmsPlaceholder] : whole));
}
