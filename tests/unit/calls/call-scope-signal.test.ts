import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { withCallScope } from '../../../electron/backend/calls/call-scope';
import { perTest } from '../../helpers/per-test';
import { signedInApp } from '../../helpers/signed-in-app';

const apps = perTest(async (file) => {
  const { app } = await signedInApp(file);
  return { app, close: () => app.close() };
});

describe('a call without an id or a session', () => {
  it('has a signal of its own: the abort listeners of concurrent calls do not pile up on one', async () => {
    const { app } = apps;
    const listening: number[] = [];
    // Twelve at once, as concurrent prints add their listeners (Node warns of a leak from the eleventh on one signal).
    await Promise.all(
      Array.from({ length: 12 }, () =>
        withCallScope(app, null, {}, async ({ signal }) => {
          signal.addEventListener('abort', () => undefined, { once: true });
          await new Promise((resolve) => setTimeout(resolve, 20));
          listening.push(getEventListeners(signal, 'abort').length);
        }),
      ),
    );
    expect(listening).toEqual(Array(12).fill(1));
  });
});
