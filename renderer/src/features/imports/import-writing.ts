import { useSyncExternalStore } from 'react';
import type { ImportProgress } from '../../../../electron/shared/api/calls';

/**
 * The import being written (确认导入), for the shell to say while the user is on another page:
 * other pages read the register as it was last committed (calls that only read do not wait for
 * the import's transaction), so they show it as before the import until it is written. When it
 * ends while nobody watches the import page, what came of it stays said until dismissed.
 */
export type ImportWriting =
  | { kind: 'writing'; fileName: string; written: ImportProgress | null; waitingForLock: boolean }
  | { kind: 'ended'; fileName: string; ok: boolean; text: string };

let current: ImportWriting | null = null;
/** How many import previews are on screen: one of them shows the writing itself. */
let previewsOnScreen = 0;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

export function setImportWriting(next: ImportWriting | null): void {
  current = next;
  changed();
}

/** The import's end: said by the shell only when the preview that wrote it is no longer on screen. */
export function importWritingEnded(fileName: string, ok: boolean, text: string, previewOnScreen: boolean): void {
  setImportWriting(previewOnScreen ? null : { kind: 'ended', fileName, ok, text });
}

/** An import preview is shown (the returned function: it is gone). */
export function previewShown(): () => void {
  previewsOnScreen++;
  changed();
  return () => {
    previewsOnScreen--;
    changed();
  };
}

/** What the shell should say of the import being written, or null (nothing, or its preview shows it). */
export function useImportWritingBanner(): ImportWriting | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => (current?.kind === 'writing' && previewsOnScreen > 0 ? null : current),
  );
}
