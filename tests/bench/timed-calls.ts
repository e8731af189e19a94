import type { AppContext } from '../../electron/backend/app-context';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import { percentile } from './stats';
import type { Figure } from './types';

/**
 * Times `runs` calls of one backend method through the real dispatcher (after one warm-up call)
 * and reports median and p95; returns the warm-up answer too, for figures about the result.
 * `firstCall`: the warm-up's own time too, for methods that keep what they worked out (a list's order).
 */
export async function timedCalls(
  app: AppContext,
  token: string,
  label: string,
  name: string,
  args: unknown,
  runs = 20,
  opts: { firstCall?: boolean } = {},
): Promise<{ figures: Figure[]; first: unknown }> {
  const call = async () => {
    const result = await dispatch(app, name, args, { token });
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const firstStart = performance.now();
  const first = await call();
  const firstMs = performance.now() - firstStart;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  return {
    first,
    figures: [
      ...(opts.firstCall ? [{ name: `${label}: first call`, value: firstMs, unit: 'ms' as const }] : []),
      { name: `${label}: median of ${runs}`, value: percentile(times, 50), unit: 'ms' },
      { name: `${label}: p95 of ${runs}`, value: percentile(times, 95), unit: 'ms' },
    ],
  };
}
