import { describe, expect, it } from 'vitest';
import { rankRows } from '../../../electron/backend/targets/board';

const row = (name: string, rates: number[] | null, recoveredPrincipalFen: number) => ({
  rank: 0,
  name,
  score: rates === null ? null : rates.reduce((a, x) => a + x, 0) / rates.length,
  results: { recoveredPrincipalFen },
});

describe('the ranking board', () => {
  it('gives one rank to equal scores reached in another order (the sums differ in their last bits)', () => {
    const a = row('王经理', [0.1, 0.2, 0.3], 100);
    const b = row('李经理', [0.3, 0.2, 0.1], 100);
    expect(a.score).not.toBe(b.score);
    const rows = [a, row('张经理', [0.5, 0.5, 0.5], 10), b, row('赵经理', null, 500)];
    rankRows(rows);
    expect(rows.map((r) => [r.rank, r.name])).toEqual([
      [1, '张经理'],
      [2, '李经理'],
      [2, '王经理'],
      [4, '赵经理'],
    ]);
  });

  it('breaks an equal score by recovered principal', () => {
    const rows = [row('王经理', [0.2], 100), row('李经理', [0.2], 300)];
    rankRows(rows);
    expect(rows.map((r) => [r.rank, r.name])).toEqual([
      [1, '李经理'],
      [2, '王经理'],
    ]);
  });
});
