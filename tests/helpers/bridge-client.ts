import type { CallEvent } from '../../electron/shared/api/calls';
import type { RpcResult } from '../../electron/shared/api/contract';

/** One RPC call over the HTTP bridge, as the renderer makes it: bearer token, and the call's id in x-call-id. */
export async function bridgeCall(url: string, token: string | null, name: string, args: unknown, callId?: string): Promise<RpcResult<any>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (callId) headers['x-call-id'] = callId;
  const res = await fetch(`${url}/rpc/${name}`, { method: 'POST', headers, body: JSON.stringify(args) });
  return (await res.json()) as RpcResult<any>;
}

export async function bridgeLogin(url: string, username: string, password: string): Promise<string> {
  const login = await bridgeCall(url, null, 'auth.login', { username, password });
  if (!login.ok) throw new Error(login.error.message);
  return login.value.token as string;
}

export interface EventStreamReader {
  status: number;
  /** Events received so far, in order. */
  events: CallEvent[];
  close(): void;
}

/** Opens the bridge's /events stream (server-sent events) and collects what it delivers. */
export async function openEventStream(url: string, token: string | null): Promise<EventStreamReader> {
  const abort = new AbortController();
  const res = await fetch(`${url}/events`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: abort.signal });
  const events: CallEvent[] = [];
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as CallEvent);
          }
        }
      } catch {
        // closed by the test
      }
    })();
  } else {
    await res.body?.cancel();
  }
  return { status: res.status, events, close: () => abort.abort() };
}
