import { useSyncExternalStore } from 'react';

/**
 * The calls whose write waits for the write lock another program holds (their 'write.waiting'
 * event), until they end: the shell says so for calls whose page does not (client.ts).
 */
const waiting = new Set<string>();
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

export function markWriteWaiting(callId: string): void {
  if (waiting.has(callId)) return;
  waiting.add(callId);
  changed();
}

export function clearWriteWaiting(callId: string): void {
  if (waiting.delete(callId)) changed();
}

/** Whether some call's write waits for another program. */
export function useWriteWaiting(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => waiting.size > 0,
  );
}
