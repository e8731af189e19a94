import { maskResidentId } from './resident-id';

// What looks like a resident ID (15 or 18 characters, full-width digits already folded or not),
// then any other run of 7 or more digits (a phone, an ID typed in the wrong column, cut short).
const ID_LIKE = /(?<![0-9０-９])[0-9０-９]{17}[0-9０-９Xx]|(?<![0-9０-９])[0-9０-９]{15}(?![0-9０-９])/g;
const LONG_DIGITS = /[0-9０-９]{7,}/g;

/**
 * A message with every resident ID and phone-like number in it masked (IDs: first 6 and last 4
 * kept; other long digit runs as phones are masked). Import warnings and rejections quote cells,
 * and they are printed by the CLI and kept in the import record, which every role can read (PIPL).
 */
export function maskPersonalData(text: string): string {
  return text.replace(ID_LIKE, (id) => maskResidentId(id)).replace(LONG_DIGITS, maskDigits);
}

/** As phones are masked: 11 digits or more keep the first 3 and last 4 (`138****8000`), shorter runs the last 4 (`***4567`). */
function maskDigits(d: string): string {
  const head = d.length >= 11 ? 3 : 0;
  return d.slice(0, head) + '*'.repeat(d.length - head - 4) + d.slice(-4);
}
