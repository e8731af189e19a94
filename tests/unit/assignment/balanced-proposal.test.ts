import { describe, expect, it } from 'vitest';
import {
  loadSpread,
  loadsOf,
  proposeBalanced,
  type ManagerLoad,
  type Proposal,
  type ProposalInput,
  type ProposalVillage,
} from '../../../electron/backend/assignment/balanced-proposal';
import { demoVillages, intoTinyVillages, managerIds, syntheticVillages, withHugeVillage } from '../../helpers/proposal-branches';
import { bestWholeVillageSpread } from '../../helpers/whole-village-search';

const DEMO_SEED = 20261125;
const demo = demoVillages(9000, DEMO_SEED);
const MEASURES = ['households', 'balanceFen', 'overdueBalanceFen'] as const;

/** What every proposal must be, whatever the input: a complete, consistent assignment. */
function expectSound(input: ProposalInput, proposal: Proposal): void {
  const chosen = new Set(input.managerIds);
  const households = input.villages.flatMap((v) => v.households);
  // Every household exactly once (ids are unique), to a chosen manager.
  expect(proposal.householdManager.size).toBe(households.length);
  for (const h of households) expect(chosen.has(proposal.householdManager.get(h.id)!)).toBe(true);

  // Loads: one per chosen manager, as a recount from the map gives them, adding up to the branch.
  expect(proposal.loads.map((l) => l.managerId)).toEqual([...chosen]);
  expect(proposal.loads).toEqual(loadsOf(input, proposal.householdManager));
  const sum = (pick: (l: ManagerLoad) => number) => proposal.loads.reduce((s, l) => s + pick(l), 0);
  expect(sum((l) => l.households)).toBe(households.length);
  expect(sum((l) => l.loans)).toBe(households.reduce((s, h) => s + h.loans, 0));
  expect(sum((l) => l.balanceFen)).toBe(households.reduce((s, h) => s + h.balanceFen, 0));
  expect(sum((l) => l.overdueBalanceFen)).toBe(households.reduce((s, h) => s + h.overdueBalanceFen, 0));

  // Split villages are those with more than one manager; in each, a manager's households are one run.
  const split: string[] = [];
  for (const v of [...input.villages].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const runs = managerRuns(v, proposal);
    if (new Set(runs).size > 1) split.push(v.id);
    expect(new Set(runs).size).toBe(runs.length);
  }
  expect(proposal.splitVillageIds).toEqual(split);
}

/** The managers of a village's households in order, one entry per run of the same manager. */
function managerRuns(v: ProposalVillage, proposal: Proposal): string[] {
  const runs: string[] = [];
  for (const h of v.households) {
    const m = proposal.householdManager.get(h.id)!;
    if (runs[runs.length - 1] !== m) runs.push(m);
  }
  return runs;
}

/** The bound: per measure, the largest manager's figure within 10 % of the smallest's. */
function expectWithinTenPercent(proposal: Proposal): void {
  for (const measure of MEASURES) {
    const values = proposal.loads.map((l) => l[measure]);
    expect(Math.max(...values), measure).toBeLessThanOrEqual(1.1 * Math.min(...values));
  }
}

describe('balanced proposal on the demo branch', () => {
  const input = { villages: demo, managerIds: managerIds(6) };
  const proposal = proposeBalanced(input);

  it('gives every household to one of the 6 managers, with loads that add up to the branch', () => {
    expectSound(input, proposal);
  });

  it('keeps households, balance and overdue balance within 10 % with every village whole', () => {
    expectWithinTenPercent(proposal);
    expect(proposal.splitVillageIds).toEqual([]);
  });

  it('is never worse than the best whole-village split a simple search finds', () => {
    expect(loadSpread(proposal.loads)).toBeLessThanOrEqual(bestWholeVillageSpread(input, 20, 7));
  });

  it('gives the same answer for the same input, in any order of villages or managers', () => {
    const again = proposeBalanced({ villages: demo, managerIds: managerIds(6) });
    expect([...again.householdManager]).toEqual([...proposal.householdManager]);
    expect(again.loads).toEqual(proposal.loads);
    const reordered = proposeBalanced({ villages: [...demo].reverse(), managerIds: managerIds(6).reverse() });
    expect(new Map(reordered.householdManager)).toEqual(proposal.householdManager);
    expect(reordered.loads.map((l) => l.managerId)).toEqual(managerIds(6).reverse());
  });
});

describe('balanced proposal on branches of other shapes', () => {
  const shapes: Array<{ name: string; villages: ProposalVillage[]; managers: number[] }> = [
    { name: 'the demo branch', villages: demo, managers: [2, 9] },
    // 40 % of the households in one village: 0.8 of a fair share among 2, 2.4 among 6, 3.6 among 9.
    { name: 'one huge village', villages: withHugeVillage(demo, 0.4), managers: [2, 6, 9] },
    { name: 'many tiny villages', villages: intoTinyVillages(demo, 3), managers: [2, 6, 9] },
  ];
  for (const shape of shapes) {
    for (const m of shape.managers) {
      it(`${shape.name}, ${m} managers: within 10 %, at most 2 split villages, never worse than the simple search`, () => {
        const input = { villages: shape.villages, managerIds: managerIds(m) };
        const proposal = proposeBalanced(input);
        expectSound(input, proposal);
        expectWithinTenPercent(proposal);
        expect(proposal.splitVillageIds.length).toBeLessThanOrEqual(2);
        expect(loadSpread(proposal.loads)).toBeLessThanOrEqual(bestWholeVillageSpread(input, 20, 7));
      });
    }
  }

  it('cuts a village bigger than a fair share into runs, one per manager, and keeps the rest whole', () => {
    const input = { villages: withHugeVillage(demo, 0.4), managerIds: managerIds(6) };
    const proposal = proposeBalanced(input);
    expect(proposal.splitVillageIds[0]).toBe('huge');
    // 2.4 fair shares: at least 3 managers share it.
    expect(new Set(managerRuns(input.villages[0], proposal)).size).toBeGreaterThanOrEqual(3);
    expect(proposal.splitVillageIds.length).toBeLessThanOrEqual(2);
  });

  it('keeps a village of less than a fair share whole when whole villages meet the bound', () => {
    // 0.8 of a fair share among 2 managers.
    const proposal = proposeBalanced({ villages: withHugeVillage(demo, 0.4), managerIds: managerIds(2) });
    expect(proposal.splitVillageIds).toEqual([]);
  });
});

describe('balanced proposal, edge cases', () => {
  const tiny: ProposalVillage[] = [
    { id: 'b', name: 'B', households: [{ id: 'h3', loans: 1, balanceFen: 500, overdueBalanceFen: 0 }] },
    { id: 'a', name: 'A', households: [{ id: 'h1', loans: 2, balanceFen: 700, overdueBalanceFen: 700 }, { id: 'h2', loans: 1, balanceFen: 300, overdueBalanceFen: 0 }] },
    { id: 'empty', name: '空', households: [] },
  ];

  it('refuses an empty list of managers', () => {
    expect(() => proposeBalanced({ villages: tiny, managerIds: [] })).toThrow(RangeError);
  });

  it('gives everything to a single manager', () => {
    const input = { villages: tiny, managerIds: ['only'] };
    const proposal = proposeBalanced(input);
    expectSound(input, proposal);
    expect(proposal.loads).toEqual([{ managerId: 'only', households: 3, loans: 4, balanceFen: 1500, overdueBalanceFen: 700, villageIds: ['a', 'b'] }]);
  });

  it('counts a manager named twice once', () => {
    const proposal = proposeBalanced({ villages: tiny, managerIds: ['x', 'y', 'x'] });
    expect(proposal.loads.map((l) => l.managerId)).toEqual(['x', 'y']);
    expect(proposal.householdManager.size).toBe(3);
  });

  it('assigns every household even with more managers than households', () => {
    const input = { villages: tiny, managerIds: managerIds(5) };
    const proposal = proposeBalanced(input);
    expectSound(input, proposal);
    expect(proposal.loads.filter((l) => l.households > 0)).toHaveLength(3);
  });

  it('balances households and balance when nothing is overdue', () => {
    const villages = demo.map((v) => ({ ...v, households: v.households.map((h) => ({ ...h, overdueBalanceFen: 0 })) }));
    const input = { villages, managerIds: managerIds(6) };
    const proposal = proposeBalanced(input);
    expectSound(input, proposal);
    expectWithinTenPercent(proposal);
    expect(loadSpread(proposal.loads)).toBeLessThan(0.1);
  });
});

describe('loadSpread', () => {
  const load = (households: number, balanceFen: number, overdueBalanceFen: number): ManagerLoad => ({
    managerId: '',
    households,
    loans: households,
    balanceFen,
    overdueBalanceFen,
    villageIds: [],
  });

  it('is the largest max / min − 1 over the three measures', () => {
    expect(loadSpread([load(100, 1000, 50), load(110, 1000, 40)])).toBeCloseTo(0.25, 12);
    expect(loadSpread([load(100, 1000, 0), load(100, 1000, 0)])).toBe(0);
    expect(loadSpread([load(100, 1000, 0), load(100, 1000, 5)])).toBe(Infinity);
  });
});

describe('balanced proposal speed', () => {
  it('on a county-sized book costs a small multiple of one pass over its households', () => {
    // ≈ 1,100 villages and 156,000 households, as the demo plan makes for 200,000 loans.
    const input = { villages: syntheticVillages(1111, 156_000, 3), managerIds: managerIds(6) };
    const median = (run: () => void) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        run();
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[1];
    };
    // The least any proposal must do: look at every household and note its manager in a map.
    const pass = median(() => {
      const map = new Map<string, string>();
      for (const v of input.villages) for (const h of v.households) map.set(h.id, v.id);
      [...map.keys()].sort();
    });
    proposeBalanced(input);
    const proposal = median(() => proposeBalanced(input));
    expect(proposal / pass).toBeLessThan(4);
  });
});
