import type { Api, MethodName } from '../../../electron/shared/api';
import type { BridgeApi } from '../../../electron/shared/api/bridge';
import { WRITE_WAITING_EVENT, type CallEvent } from '../../../electron/shared/api/calls';
import type { InputOf, OutputOf, RpcResult } from '../../../electron/shared/api/contract';
import { clearWriteWaiting, markWriteWaiting } from './write-waiting';

declare global {
  interface Window {
    /** Present inside Electron (preload); absent in the browser demo and e2e tests. */
    api?: BridgeApi;
  }
}

/** A backend error: `message` is Chinese, ready to show. */
export class RpcCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RpcCallError';
  }
}

const httpTransport: BridgeApi = {
  async invoke(name, args, token, callId) {
    let response: Response;
    try {
      response = await fetch(`/rpc/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-call-id': callId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'NETWORK', message: '无法连接到本机服务，请确认程序仍在运行' } };
    }
    if (!response.ok) return { ok: false, error: { code: `HTTP_${response.status}`, message: '本机服务返回错误' } };
    return (await response.json()) as RpcResult<unknown>;
  },
  // Events come from the session's /events stream instead (holdCallEvents).
  onCallEvent: () => () => undefined,
};

const transport: BridgeApi = window.api ?? httpTransport;

/** Event listeners of the calls under way, by call id: each call hears only its own events. */
const callListeners = new Map<string, (event: string, payload: unknown) => void>();
const deliver = (message: CallEvent) => callListeners.get(message.callId)?.(message.event, message.payload);
if (transport !== httpTransport) transport.onCallEvent(deliver);

const TOKEN_KEY = 'branch-ledger.session';
let token: string | null = sessionStorage.getItem(TOKEN_KEY);

/** Whether a session token is stored (from an earlier sign-in in this window). */
export function hasSessionToken(): boolean {
  return token !== null;
}

export function setSessionToken(value: string | null): void {
  token = value;
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export interface CallOptions {
  /** Aborting it cancels the call in the backend; the call then rejects with code CANCELLED. */
  signal?: AbortSignal;
  /** This call's events (such as import progress), and no other call's. */
  onEvent?: (event: string, payload: unknown) => void;
}

/** Calls a backend method; resolves with its value or rejects with an RpcCallError. */
export async function call<K extends MethodName>(name: K, args: InputOf<Api[K]>, options: CallOptions = {}): Promise<OutputOf<Api[K]>> {
  const { signal, onEvent } = options;
  const callId = newCallId();
  let release = () => {};
  if (onEvent) {
    callListeners.set(callId, onEvent);
    release = await holdCallEvents();
  } else {
    // A page that listens says itself that its write waits for another program; for the rest the shell does.
    callListeners.set(callId, (event) => event === WRITE_WAITING_EVENT && markWriteWaiting(callId));
  }
  // The backend stops the call: its answer (CANCELLED) ends it, as any other answer would.
  const cancel = () => void transport.invoke('calls.cancel', { callId }, token, newCallId()).catch(() => undefined);
  let result: RpcResult<unknown>;
  try {
    signal?.throwIfAborted();
    signal?.addEventListener('abort', cancel, { once: true });
    result = await transport.invoke(name, args, token, callId);
  } catch (err) {
    if (signal?.aborted) throw new RpcCallError('CANCELLED', '已取消');
    throw err;
  } finally {
    signal?.removeEventListener('abort', cancel);
    callListeners.delete(callId);
    clearWriteWaiting(callId);
    release();
  }
  if (!result.ok) {
    if (result.error.code === 'NOT_SIGNED_IN') setSessionToken(null);
    throw new RpcCallError(result.error.code, result.error.message, result.error.details);
  }
  return result.value as OutputOf<Api[K]>;
}

function newCallId(): string {
  return crypto.randomUUID();
}

// Long enough for a slow start of the stream; short enough that a broken one delays nothing much.
const EVENTS_READY_TIMEOUT_MS = 2000;

/**
 * Makes sure calls' events are delivered until the returned function is called; resolves once
 * they are. Over IPC that is at once. Over HTTP the session's event stream is a connection of its
 * own, opened while someone holds it (events sent before it is open are never seen); call this
 * early (when a file is picked) so that the stream is open when the call starts. Never rejects:
 * after a short wait the caller goes on without progress.
 */
export async function holdCallEvents(): Promise<() => void> {
  if (transport !== httpTransport || token === null) return () => undefined;
  if (eventStream && eventStream.token !== token) closeEventStream();
  const stream = (eventStream ??= openEventStream(token));
  stream.holders++;
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    // The stream holds a connection open: close it when nobody needs it any more.
    if (--stream.holders === 0 && eventStream === stream) closeEventStream();
  };
  await stream.ready;
  return release;
}

interface EventStream {
  token: string;
  holders: number;
  ready: Promise<void>;
  abort: AbortController;
}

let eventStream: EventStream | null = null;

function closeEventStream(): void {
  eventStream?.abort.abort();
  eventStream = null;
}

/** The session's /events stream (server-sent events), read with fetch so that the token goes in a header, not the URL. */
function openEventStream(sessionToken: string): EventStream {
  const abort = new AbortController();
  const connected = fetch('/events', { headers: { authorization: `Bearer ${sessionToken}` }, cache: 'no-store', signal: abort.signal }).then(
    (response) => {
      if (response.ok && response.body) void readEvents(response.body);
    },
    () => undefined,
  );
  const ready = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, EVENTS_READY_TIMEOUT_MS);
    void connected.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  return { token: sessionToken, holders: 0, ready, abort };
}

async function readEvents(body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        for (const line of block.split('\n')) if (line.startsWith('data: ')) deliver(JSON.parse(line.slice('data: '.length)) as CallEvent);
      }
    }
  } catch {
    // Closed (nobody listens any more) or the connection was lost: progress stops, calls go on.
  }
}
