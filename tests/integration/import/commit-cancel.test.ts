import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { WRITE_WAITING_EVENT, type CallEvent } from '../../../electron/shared/api/calls';
import { dispatch } from '../../../electron/backend/rpc/dispatch';
import { datedSample, repeatedSample, signedInForTest } from '../../helpers/import-csv';
import { perTest } from '../../helpers/per-test';
import { csvBytes } from '../../helpers/sample-files';
import { ADMIN } from '../../helpers/signed-in-app';
import { holdWriteLock } from '../../helpers/write-lock-holder';

const AS_OF = '2026-10-31';
const t = perTest(signedInForTest);

async function signIn(): Promise<string> {
  const login = await dispatch(t.app, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  if (!login.ok) throw new Error(login.error.message);
  return (login.value as { token: string }).token;
}

const count = async (table: 'change_log' | 'loans' | 'imports') => (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.app.db)).rows[0].n;

async function previewOf(lines: string[]): Promise<{ previewId: string; counts: { inserted: number } }> {
  return t.call('imports.preview', { fileName: 'export.csv', contentBase64: csvBytes(lines).toString('base64'), fullExport: true });
}

describe('imports.commit, cancelled while it writes', () => {
  it('gets the cancel through, answers CANCELLED, writes nothing, and the same preview commits afterwards', async () => {
    const token = await signIn();
    const preview = await previewOf(repeatedSample(AS_OF));
    const logged = await count('change_log');
    const events: Array<{ done: number; total: number }> = [];
    let cancelled: Promise<unknown> | null = null;
    // Sent once the first table's rows are written, in the commit's open transaction.
    const sendEvent = ({ payload }: CallEvent) => {
      const p = payload as { done: number; total: number };
      events.push(p);
      if (p.done > 0) cancelled ??= dispatch(t.app, 'calls.cancel', { callId: 'commit-cancel' }, { token });
    };
    const result = await dispatch(t.app, 'imports.commit', { previewId: preview.previewId, asOf: AS_OF, fullExport: true }, { token, callId: 'commit-cancel', sendEvent });

    expect(cancelled).not.toBeNull();
    expect(await cancelled).toEqual({ ok: true, value: { running: true } });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED', message: '已取消' } });
    expect(events.at(-1)!.done).toBeLessThan(events.at(-1)!.total);
    expect(await count('change_log')).toBe(logged);
    expect(await count('loans')).toBe(0);
    expect(await count('imports')).toBe(0);

    const again = await t.call('imports.commit', { previewId: preview.previewId, asOf: AS_OF, fullExport: true });
    expect(again.inserted).toBe(preview.counts.inserted);
    expect(await count('loans')).toBe(preview.counts.inserted);
  });

  it('tells its caller how far it is: from nothing, growing, to every row', async () => {
    const token = await signIn();
    const preview = await previewOf(repeatedSample(AS_OF));
    const events: Array<{ done: number; total: number }> = [];
    const sendEvent = ({ event, payload }: CallEvent) => {
      expect(event).toBe('imports.progress');
      events.push(payload as { done: number; total: number });
    };
    const result = await dispatch(t.app, 'imports.commit', { previewId: preview.previewId, asOf: AS_OF, fullExport: true }, { token, callId: 'commit-progress', sendEvent });

    expect(result.ok).toBe(true);
    const total = events[0].total;
    // Borrowers, phones, loans, assignments, snapshots, files, tasks: each new loan is several rows.
    expect(total).toBeGreaterThan(3 * preview.counts.inserted);
    expect(events[0].done).toBe(0);
    expect(events.at(-1)).toEqual({ done: total, total });
    expect(events.length).toBeGreaterThan(5);
    for (let i = 1; i < events.length; i++) {
      expect(events[i].total).toBe(total);
      expect(events[i].done).toBeGreaterThanOrEqual(events[i - 1].done);
    }
  });

  it('that waits for the write lock another program holds (the CLI importing) says so, and stops waiting at the cancel', async () => {
    const token = await signIn();
    const preview = await previewOf(datedSample(AS_OF));
    const lock = await holdWriteLock(t.tmp.file('ledger.sqlite'));
    try {
      let waiting!: () => void;
      const toldWaiting = new Promise<'waiting'>((resolve) => (waiting = () => resolve('waiting')));
      const sendEvent = ({ event }: CallEvent) => event === WRITE_WAITING_EVENT && waiting();
      const commit = dispatch(t.app, 'imports.commit', { previewId: preview.previewId, asOf: AS_OF, fullExport: true }, { token, callId: 'commit-wait', sendEvent });
      expect(await Promise.race([toldWaiting, commit])).toBe('waiting');
      // The app answers meanwhile: the commit waits with the connection free.
      expect(await count('loans')).toBe(0);
      expect(await dispatch(t.app, 'calls.cancel', { callId: 'commit-wait' }, { token })).toEqual({ ok: true, value: { running: true } });
      expect(await commit).toMatchObject({ ok: false, error: { code: 'CANCELLED', message: '已取消' } });
      expect(lock.holding()).toBe(true);
    } finally {
      await lock.release();
    }
    expect(await count('imports')).toBe(0);
    const again = await t.call('imports.commit', { previewId: preview.previewId, asOf: AS_OF, fullExport: true });
    expect(again.inserted).toBe(preview.counts.inserted);
  });
});
