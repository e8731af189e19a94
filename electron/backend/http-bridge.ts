import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { AppContext } from './app-context';
import { dispatch } from './rpc/dispatch';
import { handlers } from './rpc/handlers';
import { log } from './log';
import { SessionEventStreams } from './session-event-streams';

/** The largest body a signed-in call may send: an import file, base64 in JSON. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Sign-in and set-up, the calls anyone may make, send a few hundred bytes. */
const MAX_PUBLIC_BODY_BYTES = 64 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface BridgeOptions {
  /** Folder of the built renderer (out/renderer); omit to serve /rpc only. */
  staticDir?: string;
  port?: number;
}

export interface RunningBridge {
  url: string;
  close(): Promise<void>;
}

/**
 * The HTTP transport for tests and the browser demo: POST /rpc/<name> → dispatch, plus the
 * built renderer. Listens on 127.0.0.1 only and answers only to a loopback Host header,
 * so a web page elsewhere cannot reach it through DNS rebinding.
 */
export async function startHttpBridge(app: AppContext, opts: BridgeOptions = {}): Promise<RunningBridge> {
  const streams = new SessionEventStreams();
  const server = http.createServer((req, res) => {
    handle(app, opts, streams, req, res).catch((err) => {
      log.error('http bridge request failed', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('internal error');
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Open event streams would otherwise hold close() until they end.
        server.closeAllConnections();
      }),
  };
}

async function handle(app: AppContext, opts: BridgeOptions, streams: SessionEventStreams, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (host !== '127.0.0.1' && host !== 'localhost') {
    res.writeHead(403).end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');

  // Server-sent events, the HTTP counterpart of the 'backend-event' IPC channel: the events of
  // this session's calls (progress bars), for a valid session only.
  if (url.pathname === '/events' && req.method === 'GET') {
    const token = bearerToken(req);
    if (token === null || !app.sessions.resolve(token)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('not signed in');
      return;
    }
    streams.open(token, req, res);
    return;
  }

  if (url.pathname.startsWith('/rpc/')) {
    if (req.method !== 'POST' || !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice('/rpc/'.length));
    } catch {
      sendJson(res, { ok: false, error: { code: 'BAD_REQUEST', message: '请求格式错误' } }, 400, { connection: 'close' });
      return;
    }
    const token = bearerToken(req);
    // Any local process can call: a body is read only for a call that may run, and only up to
    // its limit. Without a session the dispatcher answers (NOT_SIGNED_IN, UNKNOWN_METHOD) unread.
    const access = Object.hasOwn(handlers, name) ? handlers[name as keyof typeof handlers].access : null;
    if (access !== 'public' && (access === null || !app.sessions.resolve(token))) {
      sendJson(res, await dispatch(app, name, {}, { token }), 200, { connection: 'close' });
      return;
    }
    const limit = access === 'public' ? MAX_PUBLIC_BODY_BYTES : MAX_BODY_BYTES;
    const body = Number(req.headers['content-length'] ?? 0) > limit ? 'too-large' : await readBody(req, limit);
    if (body === 'too-large') {
      log.warn(`http bridge: body over ${limit} bytes refused for ${name}`);
      lingerThenClose(req, res);
      sendJson(res, { ok: false, error: { code: 'TOO_LARGE', message: '请求内容太大' } }, 413);
      return;
    }
    if (body === 'aborted') return;
    let args: unknown;
    try {
      args = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      sendJson(res, { ok: false, error: { code: 'BAD_REQUEST', message: '请求格式错误' } });
      return;
    }
    const callId = typeof req.headers['x-call-id'] === 'string' ? req.headers['x-call-id'] : null;
    sendJson(res, await dispatch(app, name, args, { token, callId, sendEvent: (m) => streams.send(token, m) }));
    return;
  }

  if (opts.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
    await serveStatic(opts.staticDir, url.pathname, res);
    return;
  }
  res.writeHead(404).end();
}

function bearerToken(req: http.IncomingMessage): string | null {
  const auth = req.headers.authorization ?? '';
  return auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : null;
}

/**
 * After refusing a body: drop what the client is still sending for a moment, then close. Closing
 * at once (`connection: close`) with its data unread makes TCP reset the connection, and a reset
 * can discard the refusal before the client reads it (seen on a busy machine: the client waited
 * for an answer that never came). Node drops the rest of the body once the answer is sent.
 */
function lingerThenClose(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.on('finish', () => {
    req.resume();
    setTimeout(() => req.socket.destroy(), 2000).unref();
  });
}

/** `connection: close` when the request's body was not read: the rest of it is not waited for. */
function sendJson(res: http.ServerResponse, payload: unknown, status = 200, headers: http.OutgoingHttpHeaders = {}): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/**
 * The body, counted as it arrives (a chunked body declares no length): 'too-large' past `limit`,
 * with reading stopped but the connection left open for the answer.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Buffer | 'too-large' | 'aborted') => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        req.pause();
        done('too-large');
      }
    };
    const onEnd = () => done(Buffer.concat(chunks));
    // The client went away mid-body: nobody to answer.
    const onError = (err: Error) => {
      log.warn(`http bridge: request body not received: ${err.message}`);
      done('aborted');
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

async function serveStatic(root: string, pathname: string, res: http.ServerResponse): Promise<void> {
  const rootDir = path.resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = path.resolve(rootDir, '.' + decoded);
  // Inside the root, not merely starting with its name (…/www-secret starts with …/www).
  const inside = path.relative(rootDir, file);
  if (inside.startsWith('..') || path.isAbsolute(inside)) {
    res.writeHead(403).end();
    return;
  }
  const info = await stat(file).catch(() => null);
  // A single-page app: unknown paths get index.html.
  if (!info || info.isDirectory()) file = path.join(rootDir, 'index.html');
  const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type });
  createReadStream(file).pipe(res);
}
