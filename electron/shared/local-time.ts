/**
 * Instants as people at the branch read them: the PC's local time (China time for a branch).
 * Business dates (YYYY-MM-DD days, no time) are in dates.ts.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant (a Date or UTC epoch ms) as local "2025-03-20 14:05"; '' for an invalid one. */
export function formatLocalDateTime(at: Date | number): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An instant as local "20250320-140509", for file names: sorts as the instants do within a time zone. */
export function localFileStamp(at: Date): string {
  return `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
}
