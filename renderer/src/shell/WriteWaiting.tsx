import { useEffect } from 'react';
import { holdCallEvents } from '../api/client';
import { useWriteWaiting } from '../api/write-waiting';
import { WRITE_WAITING_TEXT } from '../ui/write-waiting';

/**
 * Says, above every page, that a save or another write waits for the write lock another program
 * holds (the CLI importing), until it goes on or fails. Holds the calls' event stream while signed
 * in (over HTTP it is a connection of its own; over IPC this costs nothing).
 */
export function WriteWaiting() {
  const waiting = useWriteWaiting();
  useEffect(() => {
    let release: (() => void) | null = null;
    let gone = false;
    void holdCallEvents().then((r) => (gone ? r() : (release = r)));
    return () => {
      gone = true;
      release?.();
    };
  }, []);
  if (!waiting) return null;
  return (
    <div className="alert alert-info write-waiting" role="status" data-testid="write-waiting">
      {WRITE_WAITING_TEXT}
    </div>
  );
}
