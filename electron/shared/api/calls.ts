import { z } from 'zod';
import { rpc } from './contract';

/**
 * Each call the renderer makes carries an id it chose (random). Events a call's work sends
 * (progress) carry that id and go only to the window or session that made the call; and
 * `calls.cancel` names it.
 */
export const callIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '调用编号格式不正确');

/** An event of one call, as the transports carry it ('backend-event' over IPC, /events over HTTP). */
export interface CallEvent {
  callId: string;
  event: string;
  payload: unknown;
}

/** The 'imports.progress' event: data rows read so far, of the file's total. */
export interface ImportProgress {
  done: number;
  total: number;
}

/** How long a write waits for the write lock another program holds (the CLI importing) before it fails. */
export const WRITE_WAIT_SECONDS = 30;

/**
 * The 'write.waiting' event (no payload): the call's write found the write lock taken by another
 * program and waits for it, up to WRITE_WAIT_SECONDS; the call then goes on by itself.
 */
export const WRITE_WAITING_EVENT = 'write.waiting';

export const callsApi = {
  /**
   * Asks a call of the caller's own session to stop. Calls that can stop (import preview, print)
   * end with the error CANCELLED. `running` says whether the call was running; a cancel that
   * arrives before its call (they travel apart) still stops it when it comes.
   */
  'calls.cancel': rpc<{ running: boolean }>()(z.object({ callId: callIdSchema }).strict()),
};
