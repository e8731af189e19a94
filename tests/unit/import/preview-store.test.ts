import { describe, expect, it } from 'vitest';
import type { ParsedFile } from '../../../electron/backend/import/parsed-file';
import { PreviewStore, type PreviewEntry } from '../../../electron/backend/import/preview-store';
import type { PreparedImport } from '../../../electron/backend/import/run-import';

const file = { fileName: 'a.xlsx' } as ParsedFile;
const parsed = (userId: string, at: number): PreviewEntry => ({ kind: 'parsed', file, explicitLayout: null, userId, at });
const prepared = (importId: string) => ({ importId }) as PreparedImport;
const preparedOf = (store: PreviewStore, id: string, userId = 'u1') => {
  const entry = store.get(id, userId, 1000);
  return entry?.kind === 'parsed' ? entry.prepared?.importId : 'missing';
};

describe('the preview store', () => {
  it('gives an entry back only to the user who made it', () => {
    const store = new PreviewStore();
    const id = store.put(parsed('u1', 1000));
    expect(store.get(id, 'u2', 1000)).toBeNull();
    expect(store.get(id, 'u1', 1000)).toMatchObject({ kind: 'parsed', userId: 'u1' });
  });

  it('keeps only the newest plan: a county file’s plan is large, older previews plan again on commit', () => {
    const store = new PreviewStore();
    const a = store.put(parsed('u1', 1000));
    const b = store.put(parsed('u1', 1000));
    store.setPrepared(a, prepared('A'));
    expect(preparedOf(store, a)).toBe('A');
    store.setPrepared(b, prepared('B'));
    expect(preparedOf(store, a)).toBeUndefined();
    expect(preparedOf(store, b)).toBe('B');
  });

  it('forgets entries after 30 minutes, and keeps at most a few', () => {
    const store = new PreviewStore();
    const old = store.put(parsed('u1', 0));
    expect(store.get(old, 'u1', 30 * 60 * 1000 + 1)).toBeNull();
    const ids = Array.from({ length: 5 }, () => store.put(parsed('u1', 1000)));
    expect(ids.filter((id) => store.get(id, 'u1', 1000) !== null)).toEqual(ids.slice(-3));
  });
});
