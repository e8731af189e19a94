/**
 * How much room text takes on paper, estimated without a browser: every notice of a batch is
 * laid out before Chromium sees it, and its font size chosen so that it fits on one sheet.
 * CJK characters are one em wide; Latin letters, digits and punctuation about half.
 */

const PT_MM = 25.4 / 72;

/** Width of `s` in ems. */
export function emWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 0.56 : 1;
  return w;
}

/** Lines `paras` take at `perLine` ems a line, each paragraph's first line indented by `indent` ems. */
export function lineCount(paras: readonly string[], perLine: number, indent: number): number {
  let lines = 0;
  for (const p of paras) lines += Math.max(1, Math.ceil((emWidth(p) + indent) / perLine));
  return lines;
}

export interface TextBox {
  widthMm: number;
  heightMm: number;
  lineHeight: number;
  /** Space between paragraphs, in lines. */
  paraGap: number;
  indent: number;
}

/** Height in mm `paras` take at `pt` in `box`'s width. */
export function textHeightMm(paras: readonly string[], pt: number, box: Omit<TextBox, 'heightMm'>): number {
  const em = pt * PT_MM;
  // A little under the full width: a line breaks before a word or number that does not fit.
  const perLine = Math.floor((box.widthMm / em) * 0.96);
  const lines = lineCount(paras, perLine, box.indent) + Math.max(0, paras.length - 1) * box.paraGap;
  return lines * em * box.lineHeight;
}

/** The largest of `sizes` (pt, largest first) at which `paras` fit in `box`; the smallest when none does. */
export function fitFontPt(paras: readonly string[], box: TextBox, sizes: readonly number[]): number {
  for (const pt of sizes) if (textHeightMm(paras, pt, box) <= box.heightMm) return pt;
  return sizes[sizes.length - 1];
}
