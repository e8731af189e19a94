import { useEffect, useLayoutEffect, useRef } from 'react';

/** A scanner types a character every few milliseconds: on average no slower than this. A person is three times slower at best. */
export const SCAN_GAP_MS = 50;
/**
 * The longest single pause within a scan. Scanners are steady, but a busy PC delivers their keys
 * in clumps (gaps of 40–100 ms seen under load), so one pause may be longer than the average.
 */
export const SCAN_MAX_GAP_MS = 150;
/** Fewer characters than this before Enter is not taken for a scan. */
export const SCAN_MIN_CHARS = 4;

/** Whether the focus is somewhere that takes typed text (there the keys belong to the field). */
export function focusTakesText(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable="true"], [contenteditable=""]') !== null;
}

/**
 * A USB barcode scanner anywhere on a page: it types a code fast and then Enter. At least
 * SCAN_MIN_CHARS printable characters at SCAN_GAP_MS each on average (no pause over
 * SCAN_MAX_GAP_MS), ending in Enter while no text field or dialog has the focus, are handed to `onScan`;
 * that Enter goes no further (a grid under the focus never sees it). Listens in the capture
 * phase, before the page's own keys.
 */
export function useScanBurst(onScan: (code: string) => void): void {
  const handler = useRef(onScan);
  useLayoutEffect(() => {
    handler.current = onScan;
  });

  useEffect(() => {
    let chars = '';
    let first = 0;
    let last = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Shift' || e.isComposing) return;
      // A form open over the page (a <dialog>) has the keys: a scan must not open something behind it.
      if (focusTakesText(e.target) || (e.target instanceof Element && e.target.closest('dialog') !== null)) {
        chars = '';
        return;
      }
      const now = e.timeStamp;
      const inBurst = chars !== '' && now - last <= SCAN_MAX_GAP_MS;
      if (e.key === 'Enter') {
        const code = chars;
        chars = '';
        if (inBurst && code.length >= SCAN_MIN_CHARS && (now - first) / code.length <= SCAN_GAP_MS) {
          e.preventDefault();
          e.stopPropagation();
          handler.current(code);
        }
        return;
      }
      if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) {
        chars = '';
        return;
      }
      if (inBurst) chars += e.key;
      else {
        chars = e.key;
        first = now;
      }
      last = now;
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
