/**
 * Balanced proposal: splits a branch's households among chosen account managers so that
 * households, balance and overdue balance come out even, keeping villages whole where possible.
 * Pure: no database, no I/O. Same input → same output.
 */

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
  /** Villages in which this manager gets at least one household. */
  villageIds: string[];
}

export interface Proposal {
  /** Every household's manager. */
  householdManager: Map<string, string>;
  /** Villages whose households went to more than one manager. */
  splitVillageIds: string[];
  /** One per manager, in the order of `managerIds`. */
  loads: ManagerLoad[];
}

/** First version: whole villages, largest first, each to the manager with the fewest households. */
export function proposeBalanced(input: ProposalInput): Proposal {
  const managers = [...new Set(input.managerIds)].sort();
  if (managers.length === 0) throw new RangeError('proposeBalanced: no managers');
  const villages = [...input.villages]
    .filter((v) => v.households.length > 0)
    .sort((a, b) => b.households.length - a.households.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const households = new Map(managers.map((m) => [m, 0]));
  const householdManager = new Map<string, string>();
  for (const v of villages) {
    let best = managers[0];
    for (const m of managers) if (households.get(m)! < households.get(best)!) best = m;
    households.set(best, households.get(best)! + v.households.length);
    for (const h of v.households) householdManager.set(h.id, best);
  }
  return { householdManager, splitVillageIds: [], loads: loadsOf(input, householdManager) };
}

/** Each manager's totals under an assignment, in the order of `input.managerIds`. */
export function loadsOf(input: ProposalInput, householdManager: ReadonlyMap<string, string>): ManagerLoad[] {
  const loads = new Map<string, ManagerLoad>();
  for (const managerId of input.managerIds) {
    if (!loads.has(managerId)) loads.set(managerId, { managerId, households: 0, loans: 0, balanceFen: 0, overdueBalanceFen: 0, villageIds: [] });
  }
  for (const v of input.villages) {
    for (const h of v.households) {
      const load = loads.get(householdManager.get(h.id)!)!;
      load.households++;
      load.loans += h.loans;
      load.balanceFen += h.balanceFen;
      load.overdueBalanceFen += h.overdueBalanceFen;
      if (load.villageIds[load.villageIds.length - 1] !== v.id) load.villageIds.push(v.id);
    }
  }
  return [...loads.values()];
}
