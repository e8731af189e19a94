/**
 * Inputs for the balanced proposal built from the demo generator's plan, without a database:
 * the demo branch as it is, and reshaped branches (one huge village, many tiny ones).
 */
import type { ProposalHousehold, ProposalInput, ProposalVillage } from '../../electron/backend/assignment/balanced-proposal';
import { allocate, planDemoBranch } from '../../electron/backend/demo/plan';
import { Random } from '../../electron/backend/demo/random';

export function managerIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);
}

/** The demo branch's villages with their households (in plan order) and loan sums. */
export function demoVillages(loans: number, seed: number): ProposalVillage[] {
  const plan = planDemoBranch(loans, seed);
  const households: ProposalHousehold[] = plan.households.map((h) => ({ id: h.customerNo, loans: 0, balanceFen: 0, overdueBalanceFen: 0 }));
  for (const loan of plan.loans) {
    const h = households[loan.householdIndex];
    h.loans++;
    h.balanceFen += loan.balanceFen;
    if (loan.principalOverdueDays > 0) h.overdueBalanceFen += loan.balanceFen;
  }
  const villages: ProposalVillage[] = plan.villages.map((v, i) => ({ id: `v${String(i).padStart(4, '0')}`, name: `${v.township}${v.name}`, households: [] }));
  plan.households.forEach((h, i) => villages[h.villageIndex].households.push(households[i]));
  return villages;
}

export function demoInput(loans: number, seed: number, managers: number): ProposalInput {
  return { villages: demoVillages(loans, seed), managerIds: managerIds(managers) };
}

/** The first villages merged into one until it holds `share` of the branch's households. */
export function withHugeVillage(villages: readonly ProposalVillage[], share: number): ProposalVillage[] {
  const total = villages.reduce((s, v) => s + v.households.length, 0);
  const huge: ProposalVillage = { id: 'huge', name: '大村', households: [] };
  const rest: ProposalVillage[] = [];
  for (const v of villages) {
    if (huge.households.length < share * total) huge.households.push(...v.households);
    else rest.push(v);
  }
  return [huge, ...rest];
}

/** Every village cut into villages of `size` neighbouring households. */
export function intoTinyVillages(villages: readonly ProposalVillage[], size: number): ProposalVillage[] {
  return villages.flatMap((v) =>
    Array.from({ length: Math.ceil(v.households.length / size) }, (_, i) => ({
      id: `${v.id}-${String(i).padStart(3, '0')}`,
      name: `${v.name}${i + 1}`,
      households: v.households.slice(i * size, (i + 1) * size),
    })),
  );
}

/**
 * A quick stand-in for a big book without the demo plan's names and dates: `villages` villages of
 * lognormal sizes holding `households` households, 1–4 loans each, about 9 % of them overdue.
 */
export function syntheticVillages(villages: number, households: number, seed: number): ProposalVillage[] {
  const rng = new Random(seed);
  const sizes = allocate(households, Array.from({ length: villages }, () => Math.exp(0.45 * rng.normal())));
  let n = 0;
  return sizes.map((size, v) => ({
    id: `v${String(v).padStart(5, '0')}`,
    name: `村${v}`,
    households: Array.from({ length: size }, () => {
      const loans = rng.int(1, 4);
      const balanceFen = loans * rng.int(10_000, 300_000) * 100;
      return { id: `h${n++}`, loans, balanceFen, overdueBalanceFen: rng.chance(0.09) ? balanceFen : 0 };
    }),
  }));
}
