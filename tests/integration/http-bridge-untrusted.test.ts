import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../electron/backend/app-context';
import { startHttpBridge, type RunningBridge } from '../../electron/backend/http-bridge';
import { capturingLog } from '../helpers/captured-log';
import { makeTempDir } from '../helpers/temp-dir';
import { signedInApp } from '../helpers/signed-in-app';

// Issue 9, finding 7: any local process can call the bridge. It must not read (let alone hold in
// memory) a body before it knows the caller may send one, nor one over its limit.

const MB = 1024 * 1024;

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let token: string;
let bridge: RunningBridge;

beforeEach(async () => {
  tmp = makeTempDir();
  ({ app, token } = await signedInApp(tmp.file('ledger.sqlite')));
  bridge = await startHttpBridge(app);
});
afterEach(async () => {
  await bridge.close();
  await closeAppContext(app);
  tmp.cleanup();
});

interface Answer {
  status: number;
  body: string;
  /** Body bytes the client had sent when the answer came. */
  sent: number;
}

/**
 * A POST whose body is written only as `feed` decides, answered or not within `withinMs`: a server
 * that waits for the whole body before answering fails here instead of hanging the test.
 */
function post(path: string, headers: Record<string, string | number>, feed: (req: http.ClientRequest, sent: (n: number) => void) => void, withinMs = 5000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = http.request(`${bridge.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${withinMs} ms (${sent} bytes sent)`));
    }, withinMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), sent });
      });
    });
    // The server may close the connection while the client still writes: that is the point.
    req.on('error', () => undefined);
    req.flushHeaders();
    feed(req, (n) => (sent += n));
  });
}

/** Writes 1 MB chunks (as a chunked body) until the request is answered or `maxMb` went out. */
function streamMegabytes(maxMb: number) {
  return (req: http.ClientRequest, sent: (n: number) => void) => {
    const chunk = Buffer.alloc(MB, 0x20);
    let written = 0;
    const next = () => {
      while (written < maxMb && !req.destroyed) {
        written++;
        sent(chunk.length);
        if (!req.write(chunk)) {
          req.once('drain', next);
          return;
        }
      }
    };
    next();
  };
}

describe('HTTP bridge and untrusted callers', () => {
  it('answers a call without a session before reading its body', async () => {
    // Declares 63 MB and sends none of it: the answer must not wait for the body.
    const answer = await post('/rpc/villages.overview', { 'content-length': 63 * MB }, () => undefined);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    const forged = await post('/rpc/villages.overview', { 'content-length': 63 * MB, authorization: 'Bearer forged' }, () => undefined);
    expect(JSON.parse(forged.body)).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('refuses a declared body over the limit with 413 before reading it', async () => {
    const answer = await post('/rpc/imports.preview', { 'content-length': 200 * MB, authorization: `Bearer ${token}` }, () => undefined);
    expect(answer.status).toBe(413);
    // Sign-in and set-up take a few hundred bytes: a large body there is refused too.
    const login = await post('/rpc/auth.login', { 'content-length': 1 * MB }, () => undefined);
    expect(login.status).toBe(413);
  });

  it('counts the bytes of a body without a length and stops reading at the limit', async () => {
    const answer = await post('/rpc/imports.preview', { authorization: `Bearer ${token}` }, streamMegabytes(200), 30_000);
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(100 * MB);
    const login = await post('/rpc/auth.login', {}, streamMegabytes(50), 30_000);
    expect(login.status).toBe(413);
    expect(login.sent).toBeLessThan(10 * MB);
    // The bridge still answers afterwards.
    const me = await fetch(`${bridge.url}/rpc/auth.me`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{}' });
    expect(await me.json()).toMatchObject({ ok: true });
  });

  it('answers a malformed method name with 400 and logs no error', async () => {
    const { value, logged } = await capturingLog(() => post('/rpc/%E0%A4%A', { authorization: `Bearer ${token}` }, (req) => req.end('{}')));
    expect(value.status).toBe(400);
    expect(logged).not.toMatch(/ERROR|\n\s+at /);
  });
});
