/**
 * How long a text field's value is, as people count it: characters, so that a rare character
 * outside the BMP (some names have one) counts once. Forms and contracts both count this way.
 */
export function textLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** What a form and the backend say when a text is over its field's limit; the text is never cut. */
export function tooLongMessage(max: number, length: number): string {
  return `最多 ${max} 个字，已输入 ${length} 个字`;
}

/** The message for `value` (trimmed, as saved) in a field of at most `max` characters, or null when it fits. */
export function overLimit(value: string, max: number): string | null {
  const n = textLength(value.trim());
  return n > max ? tooLongMessage(max, n) : null;
}
