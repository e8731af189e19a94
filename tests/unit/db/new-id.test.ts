import { describe, expect, it } from 'vitest';
import { newId } from '../../../electron/backend/db/new-id';

describe('newId', () => {
  it('makes RFC 9562 version-7 UUIDs carrying the creation time', () => {
    const at = Date.UTC(2026, 10, 25, 8, 30);
    const id = newId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('increases strictly, also within one millisecond and when the clock goes back', () => {
    const at = Date.UTC(2027, 0, 1);
    const ids = [...Array.from({ length: 20_000 }, () => newId(at)), newId(at - 5000), newId(at + 1), newId(at)];
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1], `${ids[i - 1]} < ${ids[i]}`).toBe(true);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(ids[20_000].slice(0, 8) + ids[20_000].slice(9, 13), 16)).toBe(at);
  });

  it('sorts by time and does not repeat', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => newId(1_900_000_000_000 + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    const firstOfEachMs = ids.filter((_, i) => i % 100 === 0);
    expect([...firstOfEachMs].sort()).toEqual(firstOfEachMs);
  });
});
