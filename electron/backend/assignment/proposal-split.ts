import { proposeSplit, type ProposalVillage } from './balanced-proposal';
import { derived, type Book, type Household } from './book';

/**
 * The balanced split behind a proposal, worked out per book and kept with it. The branch head
 * edits a proposal village by village with the same managers, each edit a new call on the same
 * book: the split (the search, ~200 ms on a county) is the same every time, only the overrides
 * differ. Households are held by position in the book (typed arrays), not by id: on 150k
 * households, maps keyed by borrower id cost more than the search itself.
 */

/** No-village households travel as one village with this id through the proposal. */
export const NO_VILLAGE = '';

/** Households (in register order) grouped by village, as the balanced proposal takes them. */
export function proposalVillages(hs: readonly Household[]): ProposalVillage[] {
  const byVillage = new Map<string, Household[]>();
  for (const h of hs) {
    const id = h.villageId ?? NO_VILLAGE;
    const list = byVillage.get(id);
    if (list) list.push(h);
    else byVillage.set(id, [h]);
  }
  return [...byVillage].map(([id, list]) => ({
    id,
    name: id,
    households: list.map((h) => ({ id: h.borrowerId, loans: h.figures.loans, balanceFen: h.figures.balanceFen, overdueBalanceFen: h.figures.overdueBalanceFen })),
  }));
}

/** The book's households grouped as the proposal takes them, and where each household is. */
export interface BookVillages {
  /** In order of first appearance in the book: every one has households. */
  villages: ProposalVillage[];
  /** Village id (NO_VILLAGE for none) → index in `villages`. */
  indexOf: ReadonlyMap<string, number>;
  /** Per household of the book, by position: its village's index in `villages`. */
  villageOf: Int32Array;
  /** Per household of the book: its place among the proposal's households, village after village. */
  slot: Int32Array;
}

export const bookVillages = derived((book: Book): BookVillages => {
  const hs = book.households;
  const villages = proposalVillages(hs);
  const indexOf = new Map(villages.map((v, i) => [v.id, i]));
  const start = new Int32Array(villages.length);
  for (let v = 1; v < villages.length; v++) start[v] = start[v - 1] + villages[v - 1].households.length;
  const villageOf = new Int32Array(hs.length);
  const slot = new Int32Array(hs.length);
  for (let i = 0; i < hs.length; i++) {
    const v = indexOf.get(hs[i].villageId ?? NO_VILLAGE)!;
    villageOf[i] = v;
    slot[i] = start[v]++;
  }
  return { villages, indexOf, villageOf, slot };
});

/** A proposal before the branch head's overrides. */
export interface BaseSplit {
  /** The picked managers, in id order. */
  managerIds: string[];
  /** Per household of the book, by position: its proposed manager's index in `managerIds`. */
  managerOf: Int32Array;
  /** Per household of the book: how many of its loans that manager holds now (they stay put). */
  kept: Float64Array;
}

/** Splits kept per book: a few sets of managers tried in turn stay at hand, each ~2 MB on a county. */
const KEPT_PER_BOOK = 4;
const keptSplits = derived((_book: Book) => new Map<string, BaseSplit>());

/**
 * A balanced split of the book among `managerIds` (balanced-proposal.ts), each proposed book
 * given to the picked manager who already holds most of it. Kept with the book per set of
 * managers (the split does not depend on their order); do not change what it returns.
 */
export function baseSplit(book: Book, managerIds: readonly string[]): BaseSplit {
  const ids = [...new Set(managerIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const key = ids.join('\n');
  const kept = keptSplits(book);
  let split = kept.get(key);
  if (!split) {
    split = workOutSplit(book, ids);
    if (kept.size >= KEPT_PER_BOOK) kept.delete(kept.keys().next().value!);
    kept.set(key, split);
  }
  return split;
}

function workOutSplit(book: Book, ids: string[]): BaseSplit {
  const hs = book.households;
  const { villages, slot } = bookVillages(book);
  if (villages.length === 0) return { managerIds: ids, managerOf: new Int32Array(0), kept: new Float64Array(0) };
  // Same managers in the same (id) order as `ids`: its indices are ids' indices.
  const proposed = proposeSplit({ villages, managerIds: ids }).managerOf;

  // How many loans of each proposed book (by index) each picked manager holds now.
  const n = ids.length;
  const index = new Map(ids.map((id, m) => [id, m]));
  const overlap = new Float64Array(n * n);
  const present = new Uint8Array(n);
  for (let i = 0; i < hs.length; i++) {
    const b = proposed[slot[i]];
    present[b] = 1;
    for (const p of hs[i].parts) {
      const m = p.managerId === null ? undefined : index.get(p.managerId);
      if (m !== undefined) overlap[b * n + m] += p.loans;
    }
  }
  const relabel = leastMoves(overlap, present, n);
  const managerOf = new Int32Array(hs.length);
  const kept = new Float64Array(hs.length);
  for (let i = 0; i < hs.length; i++) {
    managerOf[i] = relabel[proposed[slot[i]]];
    kept[i] = loansHeldBy(hs[i], ids[managerOf[i]]);
  }
  return { managerIds: ids, managerOf, kept };
}

/** How many of a household's loans `managerId` holds now. */
export function loansHeldBy(h: Household, managerId: string): number {
  for (const p of h.parts) if (p.managerId === managerId) return p.loans;
  return 0;
}

/**
 * Each proposed book that has households → the manager who holds most of its loans now, largest
 * overlap first (ties: the smaller book, then the smaller manager, both by id): the books are
 * even whoever gets which, so as few loans as can change hands.
 */
function leastMoves(overlap: Float64Array, present: Uint8Array, n: number): Int32Array {
  const pairs: Array<{ b: number; m: number; loans: number }> = [];
  for (let b = 0; b < n; b++) if (present[b]) for (let m = 0; m < n; m++) pairs.push({ b, m, loans: overlap[b * n + m] });
  pairs.sort((x, y) => y.loans - x.loans || x.b - y.b || x.m - y.m);
  const to = new Int32Array(n).fill(-1);
  const taken = new Uint8Array(n);
  for (const { b, m } of pairs) {
    if (to[b] >= 0 || taken[m]) continue;
    to[b] = m;
    taken[m] = 1;
  }
  return to;
}
