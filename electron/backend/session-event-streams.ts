import type http from 'node:http';
import type { CallEvent } from '../shared/api/calls';

/**
 * The HTTP bridge's open /events streams (server-sent events), by session token: a call's
 * events reach the streams of the session that made the call, and no other session's.
 */
export class SessionEventStreams {
  private readonly bySession = new Map<string, Set<http.ServerResponse>>();

  /** Starts the stream on `res` for the session; it ends when the client goes away. */
  open(token: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    let streams = this.bySession.get(token);
    if (!streams) this.bySession.set(token, (streams = new Set()));
    streams.add(res);
    req.on('close', () => {
      streams.delete(res);
      if (streams.size === 0 && this.bySession.get(token) === streams) this.bySession.delete(token);
    });
  }

  send(token: string | null, message: CallEvent): void {
    if (token === null) return;
    const data = `data: ${JSON.stringify(message)}\n\n`;
    for (const res of this.bySession.get(token) ?? []) res.write(data);
  }
}
