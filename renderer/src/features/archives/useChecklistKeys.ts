import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CellKeyDownEvent, FullWidthCellKeyDownEvent } from 'ag-grid-community';
import type { ArchiveFileRow } from '../../../../electron/shared/api/archives';
import { EDITABLE_STATUSES, type ArchiveDocState } from '../../../../electron/shared/archive';
import { SCAN_GAP_MS } from '../../ui/useScanBurst';
import { docTypeOfCol } from './archive-columns';

export interface CellChange {
  fileId: string;
  docTypeId: string;
  state: ArchiveDocState;
  pages: number | null;
}

/** Page counts typed into a cell, shown under the grid until Enter (or another key) ends them. */
export interface PendingPages {
  fileId: string;
  loanNo: string;
  docTypeId: string;
  digits: string;
}

const LETTERS: Record<string, ArchiveDocState> = { y: 'present', n: 'missing', x: 'na' };
const MAX_DIGITS = 4;
/** How long a letter waits for a scanner's next character before it counts (any other key makes it count at once). */
const LETTER_WAIT_MS = 150;

/**
 * Keyboard entry in the checklist grid. On a document cell Y (有), N (缺) and X (不适用) set the
 * state, digits then Enter the page count (the document is then 有); elsewhere Enter opens the
 * file. A letter waits a moment before it counts: a scanner typing a loan number that holds Y, N
 * or X types the next character within milliseconds, and then the letter was not meant for the cell.
 */
export function useChecklistKeys(handlers: { apply(change: CellChange): void; readOnly(row: ArchiveFileRow): void; openFile(row: ArchiveFileRow): void }) {
  const [pending, setPending] = useState<PendingPages | null>(null);
  const pendingRef = useRef<PendingPages | null>(null);
  const letter = useRef<{ change: CellChange; at: number; timer: ReturnType<typeof setTimeout> } | null>(null);
  const h = useRef(handlers);
  useLayoutEffect(() => {
    h.current = handlers;
  });

  const setDigits = useCallback((next: PendingPages | null) => {
    pendingRef.current = next;
    setPending(next);
  }, []);

  /** Takes the waiting letter off its timer: the caller applies it, or drops it. */
  const takeLetter = useCallback(() => {
    const waiting = letter.current;
    if (waiting) clearTimeout(waiting.timer);
    letter.current = null;
    return waiting;
  }, []);

  /** Drops what was typed and not yet applied (a scan came, the grid reloaded). */
  const clear = useCallback(() => {
    takeLetter();
    setDigits(null);
  }, [takeLetter, setDigits]);

  useEffect(() => () => void takeLetter(), [takeLetter]);

  const onCellKeyDown = useCallback(
    (e: CellKeyDownEvent<ArchiveFileRow> | FullWidthCellKeyDownEvent<ArchiveFileRow>) => {
      const ev = e.event as KeyboardEvent | null | undefined;
      const row = e.data;
      if (!ev || !row || !('column' in e) || !e.column || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (ev.target instanceof Element && ev.target.closest('input, button')) return;
      const printable = ev.key.length === 1;
      // A character straight after a letter: a scan, not keys meant for the cell. Anything slower: the letter counts now.
      const waiting = takeLetter();
      const burst = waiting !== null && printable && ev.timeStamp - waiting.at <= SCAN_GAP_MS;
      if (waiting && !burst) h.current.apply(waiting.change);
      const docTypeId = docTypeOfCol(e.column.getColId());
      const editable = EDITABLE_STATUSES.includes(row.status);
      const digits = pendingRef.current && pendingRef.current.fileId === row.fileId && pendingRef.current.docTypeId === docTypeId ? pendingRef.current.digits : '';

      if (ev.key === 'Enter') {
        if (docTypeId && digits !== '') {
          ev.preventDefault();
          setDigits(null);
          h.current.apply({ fileId: row.fileId, docTypeId, state: 'present', pages: Number(digits) });
        } else {
          h.current.openFile(row);
        }
        return;
      }
      if (!docTypeId) return;
      if (ev.key === 'Escape' && digits !== '') return setDigits(null);
      if (ev.key === 'Backspace' && digits !== '') {
        ev.preventDefault();
        return setDigits({ ...pendingRef.current!, digits: digits.slice(0, -1) });
      }
      if (/^[0-9]$/.test(ev.key)) {
        if (!editable) return h.current.readOnly(row);
        ev.preventDefault();
        const next = (digits + ev.key).slice(-MAX_DIGITS);
        return setDigits({ fileId: row.fileId, loanNo: row.loanNo, docTypeId, digits: next });
      }
      const state = LETTERS[ev.key.toLowerCase()];
      if (state) {
        if (burst) return;
        if (!editable) return h.current.readOnly(row);
        ev.preventDefault();
        setDigits(null);
        const cell = row.cells[docTypeId];
        const change = { fileId: row.fileId, docTypeId, state, pages: state === 'present' ? (cell?.pages ?? null) : null };
        const timer = setTimeout(() => {
          letter.current = null;
          h.current.apply(change);
        }, LETTER_WAIT_MS);
        letter.current = { change, at: ev.timeStamp, timer };
        return;
      }
      // Moving away (arrows, Tab) or any other key ends an unfinished page count.
      if (!printable && digits !== '') setDigits(null);
    },
    [takeLetter, setDigits],
  );

  return { onCellKeyDown, pending, clear };
}
