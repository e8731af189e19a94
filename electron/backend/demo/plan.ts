/**
 * The whole generated branch as plain data, before anything touches the database: staff,
 * villages, households and loans, all decided by the seed.
 */
import { planHouseholds, type HouseholdPlan } from './households';
import { planLoans, type LoanPlan } from './loans';
import { randomPersonName } from './names';
import { townshipNames, villageNamesIn } from './places';
import { Random } from './random';

export interface DemoScale {
  loans: number;
  households: number;
  villages: number;
  townships: number;
  managers: number;
}

export interface ManagerPlan {
  displayName: string;
}

export interface VillagePlan {
  township: string;
  name: string;
  managerIndex: number;
  groups: number;
}

export interface DemoPlan {
  scale: DemoScale;
  managers: ManagerPlan[];
  villages: VillagePlan[];
  households: HouseholdPlan[];
  loans: LoanPlan[];
}

/**
 * A branch has ~50 villages and ~1.3 loans per household; beyond 20k loans the book is a
 * county's, with more villages (~180 loans each) over more townships. A manager looks after ~8 villages.
 */
export function demoScale(loans: number): DemoScale {
  const households = Math.max(1, Math.round(loans * 0.78));
  const villages = loans <= 20_000 ? Math.min(50, households) : Math.round(loans / 180);
  // ~6 villages per township in a branch; a county has 20-odd townships of ~50 villages each.
  const townships = Math.min(villages, clamp(Math.ceil(villages / 6), 8, Math.max(23, Math.ceil(villages / 60))));
  const managers = Math.max(6, Math.round(villages / 8));
  return { loans, households, villages, townships, managers };
}

export function planDemoBranch(loans: number, seed: number): DemoPlan {
  const rng = new Random(seed);
  const scale = demoScale(loans);

  const managers = planManagers(rng.derive('managers'), scale.managers);
  const villages = planVillages(rng.derive('villages'), scale);

  const villageRng = rng.derive('village-sizes');
  const perVillage = allocate(scale.households, villages.map(() => Math.exp(0.45 * villageRng.normal())));
  const risks = normalizedRisks(villageRng, villages.length);
  const households = planHouseholds(rng.derive('households'), villages, perVillage);

  const loansPerHousehold = spreadLoans(rng.derive('loan-counts'), households.length, loans);
  const loanPlans = planLoans(
    rng.derive('loans'),
    loansPerHousehold,
    households.map((h) => risks[h.villageIndex]),
  );
  return { scale, managers, villages, households, loans: loanPlans };
}

function planManagers(rng: Random, count: number): ManagerPlan[] {
  const names = new Set<string>();
  while (names.size < count) names.add(randomPersonName(rng, rng.chance(0.6) ? 'M' : 'F', rng.int(1978, 1996)));
  return [...names].map((displayName) => ({ displayName }));
}

/** Villages grouped by township; each manager takes a run of neighbouring villages. */
function planVillages(rng: Random, scale: DemoScale): VillagePlan[] {
  const townships = townshipNames(rng, scale.townships);
  const perTownship = allocate(scale.villages, townships.map(() => 0.6 + 0.8 * rng.float()));
  const villages: VillagePlan[] = [];
  townships.forEach((township, t) => {
    for (const name of villageNamesIn(rng, township, perTownship[t])) {
      villages.push({ township, name, managerIndex: 0, groups: rng.int(3, 10) });
    }
  });
  villages.forEach((v, i) => (v.managerIndex = Math.floor((i * scale.managers) / villages.length)));
  return villages;
}

/** Overdue risk per village around 1: some villages pay far worse than others. */
function normalizedRisks(rng: Random, count: number): number[] {
  const raw = Array.from({ length: count }, () => Math.exp(0.5 * rng.normal()));
  const mean = raw.reduce((a, b) => a + b, 0) / Math.max(1, count);
  return raw.map((r) => Math.min(4, r / mean));
}

/**
 * Splits `total` in proportion to `weights` (largest remainder), giving every slot at least
 * one while the total allows.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  const base = Math.min(1, Math.floor(total / Math.max(1, n)));
  const rest = total - base * n;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const counts = exact.map((x) => base + Math.floor(x));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i]++;
  }
  return counts;
}

/** One loan per household, the rest spread at random (a household holds at most 4). */
function spreadLoans(rng: Random, households: number, loans: number): number[] {
  const counts = new Array<number>(households).fill(1);
  for (let extra = loans - households; extra > 0; ) {
    const i = rng.int(0, households - 1);
    if (counts[i] < 4) {
      counts[i]++;
      extra--;
    }
  }
  return counts;
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}
