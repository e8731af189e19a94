import { mulberry32 } from '../seeded-random';
/**
 * Balanced proposal: splits a branch's households among chosen account managers so that
 * households, balance and overdue balance come out even, keeping villages whole where possible.
 * Pure: no database, no I/O. Same input → same output.
 *
 * What "even" means (loadSpread): per measure, the largest manager's figure over the smallest's,
 * less 1; the spread is the worst of the three. The bound "each within 10 % of the
 * smallest" is a spread ≤ 0.1 (TARGET_SPREAD).
 *
 * How (proposal-search.ts): villages, largest first, each to the manager it leaves least loaded;
 * then local search — moving one village to another manager, trading two — first on the sum of
 * squared deviations from a fair share (smooth), then on the spread (ties: that sum); then
 * rounds of ruin and recreate (deal 30 % of the villages out again, search again, keep what is
 * better), with a seeded generator and within a fixed amount of work, so time stays bounded and
 * runs repeat. A village bigger than a fair share is cut into runs of neighbouring households
 * whose boundaries the search moves; if whole villages still miss the bound, a village is split
 * between two managers at the best place, up to 2 split villages in all.
 */
import { ProposalSearch, type SearchVillage } from './proposal-search';

export interface ProposalHousehold {
  id: string;
  loans: number;
  balanceFen: number;
  overdueBalanceFen: number;
}

export interface ProposalVillage {
  id: string;
  name: string;
  /** In register order: a split village is cut into runs of neighbouring households in this order. */
  households: ProposalHousehold[];
}

export interface ProposalInput {
  villages: ProposalVillage[];
  managerIds: string[];
}

export interface ManagerLoad {
  managerId: string;
  households: number;
  loans: number;
  balanceFen: number;
  overdueBalanceFen: number;
  /** Villages in which this manager has at least one household, in id order. */
  villageIds: string[];
}

export interface Proposal {
  /** Every household's manager. */
  householdManager: Map<string, string>;
  /** Villages whose households went to more than one manager, in id order. */
  splitVillageIds: string[];
  /** One per manager, in the order of `managerIds`. */
  loads: ManagerLoad[];
}

/** The bound the proposal aims for: each measure's largest load at most 10 % above its smallest. */
export const TARGET_SPREAD = 0.1;
/** Villages split beyond those bigger than a fair share, and only while the target is not met. */
const MAX_SPLIT_VILLAGES = 2;
/**
 * Work limits, in candidates scored (a candidate costs well under a microsecond). Up to
 * BUDGET_PIECES pieces (villages or parts of one) the search may score BUDGET candidates; beyond,
 * the budget shrinks with the square of the pieces, as a pass of swaps does, down to MIN_BUDGET:
 * a county's 1,000+ villages are small against a fair share, so moves alone even them out.
 */
const BUDGET = 4_000_000;
const MIN_BUDGET = 500_000;
const BUDGET_PIECES = 400;
/** Candidates allowed for the search after each extra split. */
const SPLIT_BUDGET = 300_000;
/**
 * Ruin and recreate: rounds at most, share of pieces dealt out again each round, rounds without
 * progress before a fresh start, rounds without a new best before giving up, seed.
 */
const PERTURB_ROUNDS = 5000;
const PERTURB_RUIN = 0.3;
const PERTURB_STALL = 100;
const PERTURB_GIVE_UP = 600;
const PERTURB_SEED = 20261125;

/**
 * Proposes a manager for every household, evening out households, balance and overdue balance
 * among `managerIds` (see proposal-search.ts for the objective). Villages stay whole unless one
 * is bigger than a fair share (1 / managers of the branch's households or balance) — it is cut
 * into runs of neighbouring households, one per manager — or, when whole villages cannot bring
 * every measure within TARGET_SPREAD, up to MAX_SPLIT_VILLAGES split villages in all.
 * Villages without households are left out. Deterministic: ties go to the smaller id.
 */
export function proposeBalanced(input: ProposalInput): Proposal {
  const { managerIds, villages, search } = solveProposal(input);
  return proposalOf(villages, managerIds, search, input.managerIds);
}

/** The split proposeBalanced makes, by position: for callers that hold households in arrays rather than by id. */
export interface HouseholdSplit {
  /** The managers, each once, in id order. */
  managerIds: string[];
  /** Per household of the input, village after village in input order: its manager's index in `managerIds`. */
  managerOf: Int32Array;
}

/**
 * The same split as proposeBalanced, without its id-keyed results: on a county's 150k households
 * a map from household id costs as much again as the search (hashing and memory), where an
 * array aligned with the input costs next to nothing.
 */
export function proposeSplit(input: ProposalInput): HouseholdSplit {
  const { managerIds, villages, search } = solveProposal(input);
  const offset = new Map<ProposalVillage, number>();
  let households = 0;
  for (const v of input.villages) {
    offset.set(v, households);
    households += v.households.length;
  }
  const managerOf = new Int32Array(households);
  search.piecesOf.forEach((pieces, v) => {
    const at = offset.get(villages[v])!;
    for (const i of pieces) managerOf.fill(search.owner[i], at + search.from[i], at + search.to[i]);
  });
  return { managerIds, managerOf };
}

/** The managers in id order, the villages with households in id order, and the finished search over them. */
function solveProposal(input: ProposalInput): { managerIds: string[]; villages: ProposalVillage[]; search: ProposalSearch } {
  const managerIds = [...new Set(input.managerIds)].sort(compareIds);
  if (managerIds.length === 0) throw new RangeError('proposeBalanced: no managers');
  const villages = input.villages.filter((v) => v.households.length > 0).sort((a, b) => compareIds(a.id, b.id));
  if (managerIds.length === 1 || villages.length === 0) {
    const search = new ProposalSearch(villages.map(householdSums), managerIds.length);
    villages.forEach((v, i) => search.addPiece(i, 0, v.households.length));
    search.greedy();
    return { managerIds, villages, search };
  }
  const households = villages.map(householdSums);

  let search = solve(households, managerIds.length, 0);
  // A village cut into as many runs as the fair shares it holds leaves the managers who share it
  // little room to even out the rest with other villages; one run more (still one split village)
  // is taken when it is needed for the target or halves the spread.
  if (search.piecesOf.some((p) => p.length > 1 && p.length < managerIds.length)) {
    const roomier = solve(households, managerIds.length, 1);
    if ((search.spread > TARGET_SPREAD && roomier.spread < search.spread) || roomier.spread < search.spread / 2) search = roomier;
  }
  return { managerIds, villages, search };
}

function householdSums(v: ProposalVillage): SearchVillage {
  return { balanceFen: v.households.map((h) => h.balanceFen), overdueBalanceFen: v.households.map((h) => h.overdueBalanceFen) };
}

function solve(villages: readonly SearchVillage[], managers: number, extraRuns: number): ProposalSearch {
  const search = new ProposalSearch(villages, managers);
  villages.forEach((v, i) => {
    const size = Math.max(search.share(i, 0), search.share(i, 1));
    if (size > 1) search.addCutVillage(i, Math.min(managers, Math.ceil(size) + extraRuns));
    else search.addPiece(i, 0, v.balanceFen.length);
  });
  const pieces = search.village.length;
  const budget = Math.round(Math.max(MIN_BUDGET, Math.min(BUDGET, BUDGET * (BUDGET_PIECES / pieces) ** 2)));
  search.greedy();
  search.search(budget);
  search.perturb(PERTURB_ROUNDS, budget, PERTURB_RUIN, PERTURB_STALL, PERTURB_GIVE_UP, mulberry32(PERTURB_SEED));
  while (search.spread > TARGET_SPREAD && splitVillages(search) < MAX_SPLIT_VILLAGES && search.splitOne()) {
    search.localSearch(search.evaluations + SPLIT_BUDGET);
  }
  return search;
}

/** The search's pieces as a household → manager map, with each manager's load and the split villages. */
function proposalOf(villages: readonly ProposalVillage[], managerIds: readonly string[], search: ProposalSearch, order: readonly string[]): Proposal {
  const householdManager = new Map<string, string>();
  const loads = managerIds.map((managerId): ManagerLoad => ({ managerId, households: 0, loans: 0, balanceFen: 0, overdueBalanceFen: 0, villageIds: [] }));
  const splitVillageIds: string[] = [];
  search.piecesOf.forEach((pieces, v) => {
    const { id, households } = villages[v];
    let parts = 0;
    for (const i of pieces) {
      if (search.from[i] === search.to[i]) continue;
      parts++;
      const load = loads[search.owner[i]];
      load.villageIds.push(id);
      for (let h = search.from[i]; h < search.to[i]; h++) {
        const household = households[h];
        householdManager.set(household.id, load.managerId);
        load.households++;
        load.loans += household.loans;
        load.balanceFen += household.balanceFen;
        load.overdueBalanceFen += household.overdueBalanceFen;
      }
    }
    if (parts > 1) splitVillageIds.push(id);
  });
  const byId = new Map(loads.map((l) => [l.managerId, l]));
  return { householdManager, splitVillageIds, loads: [...new Set(order)].map((id) => byId.get(id)!) };
}

function splitVillages(search: ProposalSearch): number {
  let count = 0;
  for (const pieces of search.piecesOf) {
    const owners = new Set<number>();
    for (const i of pieces) if (search.from[i] < search.to[i]) owners.add(search.owner[i]);
    if (owners.size > 1) count++;
  }
  return count;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}


/**
 * Each manager's totals under an assignment (say, today's, to show beside a proposal): one per
 * manager in `input.managerIds` order, then any other manager the assignment names, in order of
 * first appearance. Households the assignment leaves out count for no one.
 */
export function loadsOf(input: ProposalInput, householdManager: ReadonlyMap<string, string>): ManagerLoad[] {
  const loads = new Map<string, ManagerLoad>();
  const loadOf = (managerId: string) => {
    let load = loads.get(managerId);
    if (load === undefined) loads.set(managerId, (load = { managerId, households: 0, loans: 0, balanceFen: 0, overdueBalanceFen: 0, villageIds: [] }));
    return load;
  };
  for (const managerId of input.managerIds) loadOf(managerId);
  for (const v of [...input.villages].sort((a, b) => compareIds(a.id, b.id))) {
    const inVillage = new Set<ManagerLoad>();
    for (const h of v.households) {
      const managerId = householdManager.get(h.id);
      if (managerId === undefined) continue;
      const load = loadOf(managerId);
      load.households++;
      load.loans += h.loans;
      load.balanceFen += h.balanceFen;
      load.overdueBalanceFen += h.overdueBalanceFen;
      inVillage.add(load);
    }
    for (const load of inVillage) load.villageIds.push(v.id);
  }
  return [...loads.values()];
}

/**
 * How uneven the loads are: over households, balance and overdue balance (each that is not zero
 * for the whole branch), the largest max / min − 1 among the managers; Infinity when a manager
 * has none of a measure the branch has. "Each within 10 % of the smallest" is a spread ≤ 0.1.
 */
export function loadSpread(loads: readonly ManagerLoad[]): number {
  let spread = 0;
  for (const measure of ['households', 'balanceFen', 'overdueBalanceFen'] as const) {
    const values = loads.map((l) => l[measure]);
    const max = Math.max(...values);
    const min = Math.min(...values);
    const r = min > 0 ? max / min - 1 : max > 0 ? Infinity : 0;
    if (r > spread) spread = r;
  }
  return spread;
}
