import { existsSync } from 'node:fs';
import { BroadcastChannel } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../electron/backend/app-context';
import { startHttpBridge, type RunningBridge } from '../../electron/backend/http-bridge';
import { setQuietLogs } from '../../electron/backend/log';
import { PARSE_MEMORY_MB, takeParseWorkerAhead } from '../../electron/backend/import/parse/parse-worker-ahead';
import { coreExportXlsx } from '../bench/core-export-file';
import { bridgeCall, bridgeLogin, openEventStream, type EventStreamReader } from '../helpers/bridge-client';
import { loanCsv } from '../helpers/loan-csv';
import { ADMIN, signedInApp } from '../helpers/signed-in-app';
import { makeTempDir } from '../helpers/temp-dir';

// The real parse worker, run from source; it announces its thread on this channel.
const workerUrl = new URL('../helpers/parse-worker-from-source.mjs', import.meta.url);
const workerThreads = new BroadcastChannel('parse-workers');
const startedThreads: string[] = [];
workerThreads.onmessage = (e) => startedThreads.push(`/proc/${(e as { data: { started: string } }).data.started}`);

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let bridge: RunningBridge;
let bigXlsx: string;
const streams: EventStreamReader[] = [];

beforeAll(() => {
  setQuietLogs(true);
  // 15,000 loans: SheetJS alone reads this for seconds.
  bigXlsx = Buffer.from(coreExportXlsx(15_000)).toString('base64');
});
afterAll(() => {
  workerThreads.close();
  setQuietLogs(false);
});

beforeEach(async () => {
  // A worker kept from the last test's parse would take this test's file: each test's parse starts a thread of its own.
  await takeParseWorkerAhead(workerUrl, PARSE_MEMORY_MB)?.worker.terminate();
  tmp = makeTempDir();
  ({ app } = await signedInApp(tmp.file('ledger.sqlite'), { parseWorkerUrl: workerUrl }));
  bridge = await startHttpBridge(app);
});
afterEach(async () => {
  for (const s of streams.splice(0)) s.close();
  await bridge.close();
  await closeAppContext(app);
  tmp.cleanup();
});

/** Two sessions of the same staff member (two windows): told apart by their tokens. */
async function twoSessions(): Promise<[string, string]> {
  return [await bridgeLogin(bridge.url, ADMIN.username, ADMIN.password), await bridgeLogin(bridge.url, ADMIN.username, ADMIN.password)];
}

async function stream(token: string | null): Promise<EventStreamReader> {
  const s = await openEventStream(bridge.url, token);
  streams.push(s);
  return s;
}

const preview = (token: string, callId: string, contentBase64: string, fileName = 'export.csv') =>
  bridgeCall(bridge.url, token, 'imports.preview', { fileName, contentBase64, fullExport: true }, callId);

/** Resolves with the /proc path of the next parse worker thread that starts. */
async function nextWorkerThread(seen = startedThreads.length): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (startedThreads.length <= seen) {
    if (Date.now() > deadline) throw new Error('no parse worker started');
    await new Promise((r) => setTimeout(r, 10));
  }
  return startedThreads[seen];
}

async function gone(file: string, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (existsSync(file)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

describe('events of a call reach only the session that made it', () => {
  it('each session’s /events stream sees its own import progress, and no other', async () => {
    const [a, b] = await twoSessions();
    const streamA = await stream(a);
    const streamB = await stream(b);
    const [resultA, resultB] = await Promise.all([
      preview(a, 'call-of-session-a', loanCsv(12_000).toString('base64'), 'a.csv'),
      preview(b, 'call-of-session-b', loanCsv(11_000, '刘家会村').toString('base64'), 'b.csv'),
    ]);
    expect(resultA).toMatchObject({ ok: true, value: { kind: 'preview' } });
    expect(resultB).toMatchObject({ ok: true, value: { kind: 'preview' } });
    // The last event (done = total) is sent before the call answers; the stream may deliver it just after.
    await expect.poll(() => streamA.events.at(-1)?.payload).toEqual({ done: 12_000, total: 12_000 });
    await expect.poll(() => streamB.events.at(-1)?.payload).toEqual({ done: 11_000, total: 11_000 });

    expect(streamA.events.length).toBeGreaterThanOrEqual(3); // 5,000, 10,000, 12,000
    expect(streamA.events.every((e) => e.callId === 'call-of-session-a' && e.event === 'imports.progress')).toBe(true);
    expect(streamB.events.every((e) => e.callId === 'call-of-session-b' && e.event === 'imports.progress')).toBe(true);
    // Nothing of the file (its name) travels with the event.
    expect(JSON.stringify(streamA.events)).not.toContain('a.csv');
  });

  it('/events needs a valid session token', async () => {
    expect((await stream(null)).status).toBe(401);
    expect((await stream('not-a-session-token')).status).toBe(401);
    const [a] = await twoSessions();
    await bridgeCall(bridge.url, a, 'auth.logout', {});
    expect((await stream(a)).status).toBe(401);
  });
});

describe('calls.cancel', () => {
  it('stops an import preview of a big file at once, and its worker thread ends', async () => {
    const [a] = await twoSessions();
    const seen = startedThreads.length;
    const running = preview(a, 'big-preview-call', bigXlsx, 'big.xlsx');
    const thread = await nextWorkerThread(seen);
    expect(existsSync(thread)).toBe(true);
    await new Promise((r) => setTimeout(r, 300)); // well inside SheetJS's read of the file

    const cancelledAt = Date.now();
    expect(await bridgeCall(bridge.url, a, 'calls.cancel', { callId: 'big-preview-call' })).toEqual({ ok: true, value: { running: true } });
    expect(await running).toEqual({ ok: false, error: { code: 'CANCELLED', message: '已取消' } });
    expect(Date.now() - cancelledAt).toBeLessThan(1500);
    expect(await gone(thread, 3000)).toBe(true);
  });

  it('does nothing to another session’s call', async () => {
    const [a, b] = await twoSessions();
    const seen = startedThreads.length;
    const running = preview(a, 'call-of-session-a', loanCsv(12_000).toString('base64'));
    await nextWorkerThread(seen);
    expect(await bridgeCall(bridge.url, b, 'calls.cancel', { callId: 'call-of-session-a' })).toEqual({ ok: true, value: { running: false } });
    expect(await running).toMatchObject({ ok: true, value: { kind: 'preview' } });
  });

  it('stops a call whose cancel arrived first (requests travel apart)', async () => {
    const [a] = await twoSessions();
    expect(await bridgeCall(bridge.url, a, 'calls.cancel', { callId: 'cancelled-before-it-came' })).toEqual({ ok: true, value: { running: false } });
    expect(await preview(a, 'cancelled-before-it-came', loanCsv(100).toString('base64'))).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    // The same id in another session is another call.
    const [, b] = await twoSessions();
    expect(await preview(b, 'cancelled-before-it-came', loanCsv(100).toString('base64'))).toMatchObject({ ok: true });
  });

  it('needs a signed-in session, and a well-formed call id', async () => {
    expect(await bridgeCall(bridge.url, null, 'calls.cancel', { callId: 'some-call-id' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    const [a] = await twoSessions();
    expect(await bridgeCall(bridge.url, a, 'auth.me', {}, 'bad id!')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
