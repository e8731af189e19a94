import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../electron/backend/app-context';
import { startHttpBridge, type RunningBridge } from '../../electron/backend/http-bridge';
import { makeTempDir } from '../helpers/temp-dir';
import { ADMIN, signedInApp } from '../helpers/signed-in-app';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let bridge: RunningBridge;

beforeEach(async () => {
  tmp = makeTempDir();
  ({ app } = await signedInApp(tmp.file('ledger.sqlite')));
  mkdirSync(tmp.file('static/assets'), { recursive: true });
  writeFileSync(tmp.file('static/index.html'), '<!doctype html><title>台账</title>');
  writeFileSync(tmp.file('static/assets/app.js'), 'console.log(1)');
  bridge = await startHttpBridge(app, { staticDir: tmp.file('static') });
});
afterEach(async () => {
  await bridge.close();
  await closeAppContext(app);
  tmp.cleanup();
});

const rpc = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${bridge.url}/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('HTTP bridge', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('carries RPC calls with the session token as a bearer header', async () => {
    const login = (await (await rpc('auth.login', { username: ADMIN.username, password: ADMIN.password })).json()) as { value: { token: string } };
    expect(login).toMatchObject({ ok: true, value: { token: expect.any(String) } });
    const me = await (await rpc('auth.me', {}, { authorization: `Bearer ${login.value.token}` })).json();
    expect(me).toMatchObject({ ok: true, value: { username: ADMIN.username } });
    const anonymous = await (await rpc('auth.me', {})).json();
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('answers errors as {ok: false} for bad JSON and unknown methods', async () => {
    const login = (await (await rpc('auth.login', { username: ADMIN.username, password: ADMIN.password })).json()) as { value: { token: string } };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${login.value.token}` };
    const bad = await fetch(`${bridge.url}/rpc/auth.me`, { method: 'POST', headers, body: '{oops' });
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await (await rpc('__proto__', {})).json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses GET on /rpc and requests with a foreign Host header', async () => {
    expect((await fetch(`${bridge.url}/rpc/auth.me`)).status).toBe(405);
    // fetch may not set Host; a raw request can, as a DNS-rebinding page's browser would.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${bridge.url}/`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('serves the renderer, falls back to index.html, and never leaves its folder', async () => {
    const js = await fetch(`${bridge.url}/assets/app.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(await (await fetch(`${bridge.url}/register/villages`)).text()).toContain('台账');
    const escape = await fetch(`${bridge.url}/..%2F..%2Fledger.sqlite`);
    expect(await escape.text()).not.toContain('SQLite format');
    // A sibling folder whose name starts with the root's is outside it too.
    mkdirSync(tmp.file('static-secret'), { recursive: true });
    writeFileSync(tmp.file('static-secret/data.txt'), 'secret');
    const sibling = await fetch(`${bridge.url}/..%2Fstatic-secret%2Fdata.txt`);
    expect(sibling.status).toBe(403);
    expect((await fetch(`${bridge.url}/%E0%A4%A`)).status).toBe(400);
  });
});
