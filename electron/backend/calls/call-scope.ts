import { callIdSchema, type CallEvent } from '../../shared/api/calls';
import type { AppContext } from '../app-context';
import { AppError } from '../rpc/app-error';
import { runningCalls } from './running-calls';

/** What a transport tells the dispatcher about one call besides its input. */
export interface CallOrigin {
  /** The id the caller gave the call (events carry it; calls.cancel names it). */
  callId?: string | null;
  /** Delivers an event of this call to the caller that made it, and to no one else. */
  sendEvent?: (message: CallEvent) => void;
}

/** The part of a CallContext that belongs to this one call. */
export interface CallScope {
  callId: string | null;
  /** Aborted (reason: AppError CANCELLED) when the caller's session cancels the call. */
  signal: AbortSignal;
  /** Sends an event (progress) to the caller of this call only. */
  emit: (event: string, payload: unknown) => void;
}

/** Runs one call with its scope: registered for cancelling while it runs, when it has an id and a session. */
export async function withCallScope<T>(app: AppContext, token: string | null, origin: CallOrigin, run: (scope: CallScope) => Promise<T>): Promise<T> {
  const callId = origin.callId ?? null;
  if (callId !== null && !callIdSchema.safeParse(callId).success) {
    throw new AppError('VALIDATION', '输入有误：调用编号格式不正确', `malformed call id ${JSON.stringify(callId).slice(0, 80)}`);
  }
  const send = origin.sendEvent;
  const emit = callId !== null && send ? (event: string, payload: unknown) => send({ callId, event, payload }) : () => undefined;
  // A signal never aborted, each call its own: the abort listeners of concurrent calls (a print adds two per
  // document) would pile up on a shared one.
  if (callId === null || token === null) return run({ callId, signal: new AbortController().signal, emit });
  const running = runningCalls(app).start(token, callId);
  try {
    return await run({ callId, signal: running.signal, emit });
  } finally {
    running.end();
  }
}
