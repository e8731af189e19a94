import type { Api, MethodName } from '../../../electron/shared/api';
import type { BridgeApi } from '../../../electron/shared/api/bridge';
import type { InputOf, OutputOf, RpcResult } from '../../../electron/shared/api/contract';

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
  async invoke(name, args, token) {
    let response: Response;
    try {
      response = await fetch(`/rpc/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'NETWORK', message: '无法连接到本机服务，请确认程序仍在运行' } };
    }
    if (!response.ok) return { ok: false, error: { code: `HTTP_${response.status}`, message: '本机服务返回错误' } };
    return (await response.json()) as RpcResult<unknown>;
  },
  on(event, callback) {
    const source = sharedEventSource();
    const listener = (e: MessageEvent<string>) => {
      const message = JSON.parse(e.data) as { event: string; payload: unknown };
      if (message.event === event) callback(message.payload);
    };
    source.addEventListener('message', listener);
    listenerCount++;
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      source.removeEventListener('message', listener);
      // The stream holds a connection open: close it when nobody listens any more.
      if (--listenerCount === 0 && eventSource === source) {
        source.close();
        eventSource = null;
      }
    };
  },
};

let eventSource: EventSource | null = null;
let listenerCount = 0;
function sharedEventSource(): EventSource {
  return (eventSource ??= new EventSource('/events'));
}

const transport: BridgeApi = window.api ?? httpTransport;

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

/** Calls a backend method; resolves with its value or rejects with an RpcCallError. */
export async function call<K extends MethodName>(name: K, args: InputOf<Api[K]>): Promise<OutputOf<Api[K]>> {
  const result = await transport.invoke(name, args, token);
  if (!result.ok) {
    if (result.error.code === 'NOT_SIGNED_IN') setSessionToken(null);
    throw new RpcCallError(result.error.code, result.error.message, result.error.details);
  }
  return result.value as OutputOf<Api[K]>;
}

export function onBackendEvent(event: string, callback: (payload: unknown) => void): () => void {
  return transport.on(event, callback);
}

// Long enough for a slow start of the stream; short enough that a broken one delays nothing much.
const EVENTS_READY_TIMEOUT_MS = 2000;

/**
 * Resolves once events subscribed with onBackendEvent are being delivered. Over IPC that is
 * at once; the HTTP bridge's event stream is a connection of its own, and events sent before
 * it is open are never seen (a call started earlier could finish with its progress unseen).
 * Never rejects: after a short wait the caller goes on without progress.
 */
export function backendEventsReady(): Promise<void> {
  if (transport !== httpTransport || eventSource === null || eventSource.readyState === EventSource.OPEN) return Promise.resolve();
  const source = eventSource;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      source.removeEventListener('open', done);
      resolve();
    };
    const timer = setTimeout(done, EVENTS_READY_TIMEOUT_MS);
    source.addEventListener('open', done);
  });
}
