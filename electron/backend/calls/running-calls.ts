import type { AppContext } from '../app-context';
import { AppError } from '../rpc/app-error';
import { cancelledError } from './cancelled';

/** A cancel may arrive before its call (HTTP requests travel apart): it is kept this long. */
const EARLY_CANCEL_TTL_MS = 60_000;
const MAX_EARLY_CANCELS = 100;

interface SessionCalls {
  running: Map<string, AbortController>;
  /** Cancelled call ids not (yet) running, with the time of the cancel. */
  early: Map<string, number>;
}

/**
 * The calls running in each session, by the id their caller gave them, so that the same
 * session (and only it) can cancel one. Sessions are told apart by their token.
 */
export class RunningCalls {
  private readonly sessions = new Map<string, SessionCalls>();

  /** Registers a call; its signal aborts (with CANCELLED) when the session cancels it. Call end() when it is done. */
  start(session: string, callId: string, now = Date.now()): { signal: AbortSignal; end: () => void } {
    const calls = this.of(session, now);
    if (calls.running.has(callId)) {
      throw new AppError('VALIDATION', '输入有误：调用编号重复', `call id ${callId} is already running in this session`);
    }
    const controller = new AbortController();
    if (calls.early.delete(callId)) controller.abort(cancelledError(callId));
    calls.running.set(callId, controller);
    return {
      signal: controller.signal,
      end: () => {
        calls.running.delete(callId);
        this.dropIfEmpty(session, calls);
      },
    };
  }

  /** Cancels the session's call `callId`; true when it was running (else it is stopped if it comes later). */
  cancel(session: string, callId: string, now = Date.now()): boolean {
    const calls = this.of(session, now);
    const controller = calls.running.get(callId);
    if (controller) {
      controller.abort(cancelledError(callId));
      return true;
    }
    if (calls.early.size >= MAX_EARLY_CANCELS) calls.early.delete(calls.early.keys().next().value!);
    calls.early.set(callId, now);
    return false;
  }

  private of(session: string, now: number): SessionCalls {
    let calls = this.sessions.get(session);
    if (!calls) this.sessions.set(session, (calls = { running: new Map(), early: new Map() }));
    for (const [id, at] of calls.early) if (now - at > EARLY_CANCEL_TTL_MS) calls.early.delete(id);
    return calls;
  }

  private dropIfEmpty(session: string, calls: SessionCalls): void {
    if (calls.running.size === 0 && calls.early.size === 0 && this.sessions.get(session) === calls) this.sessions.delete(session);
  }
}

const registries = new WeakMap<Omit<AppContext, 'db'>, RunningCalls>();

export function runningCalls(app: Omit<AppContext, 'db'>): RunningCalls {
  let calls = registries.get(app);
  if (!calls) registries.set(app, (calls = new RunningCalls()));
  return calls;
}
