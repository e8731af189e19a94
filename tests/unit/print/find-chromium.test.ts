import { describe, expect, it } from 'vitest';
import { chromiumCandidates, findChromiumExecutable } from '../../../electron/backend/print/chromium-pdf-renderer';
import { AppError } from '../../../electron/backend/rpc/app-error';

describe('findChromiumExecutable', () => {
  it('prefers BRANCH_LEDGER_CHROMIUM', () => {
    expect(findChromiumExecutable({ BRANCH_LEDGER_CHROMIUM: '/opt/chrome/chrome' }, 'linux', () => true)).toBe('/opt/chrome/chrome');
  });

  it('reports a configured browser that is missing', () => {
    const err = (() => {
      try {
        findChromiumExecutable({ BRANCH_LEDGER_CHROMIUM: '/opt/none' }, 'linux', () => false);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('PRINT_UNAVAILABLE');
    expect((err as AppError).userMessage).toContain('/opt/none');
  });

  it('takes the first installed candidate', () => {
    expect(findChromiumExecutable({}, 'linux', (p) => p === '/usr/bin/chromium-browser')).toBe('/usr/bin/chromium-browser');
    expect(chromiumCandidates({}, 'linux')[0]).toBe('/usr/bin/chromium');
  });

  it('looks for Edge first, then Chrome, on Windows', () => {
    const list = chromiumCandidates({ LOCALAPPDATA: 'C:\\Users\\张三\\AppData\\Local' }, 'win32');
    expect(list[0]).toBe('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(list).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(list).toContain('C:\\Users\\张三\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    const edge = 'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findChromiumExecutable({}, 'win32', (p) => p === edge)).toBe(edge);
  });

  it('throws PRINT_UNAVAILABLE in Chinese when there is no browser', () => {
    expect(() => findChromiumExecutable({}, 'win32', () => false)).toThrow(AppError);
    try {
      findChromiumExecutable({}, 'linux', () => false);
    } catch (e) {
      expect((e as AppError).code).toBe('PRINT_UNAVAILABLE');
      expect((e as AppError).userMessage).toMatch(/浏览器/);
    }
  });
});
