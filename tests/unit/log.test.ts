import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { log, redirectLogs, setQuietLogs } from '../../electron/backend/log';

let lines: string[];
let restore: () => void;
beforeEach(() => {
  lines = [];
  restore = redirectLogs((line) => lines.push(line));
});
afterEach(() => {
  restore();
  setQuietLogs(true); // as tests/helpers/quiet-test-logs.ts sets it
});

describe('log', () => {
  it('writes one line per event, an error with its stack', () => {
    setQuietLogs(false);
    log.warn('invalid input for x: [\n  {\n    "code": "too_small"\n  }\n]');
    log.error('rpc x failed', new Error('boom'));
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z WARN invalid input for x: \[ \{ "code": "too_small" \} \]\n$/);
    expect(lines[1]).toMatch(/ ERROR rpc x failed: Error: boom\n {4}at /);
  });

  it('keeps only errors when quiet', () => {
    setQuietLogs(true);
    log.info('started');
    log.warn('refused');
    log.error('failed', 'disk full');
    expect(lines).toEqual([expect.stringMatching(/ ERROR failed: disk full\n$/)]);
  });
});
