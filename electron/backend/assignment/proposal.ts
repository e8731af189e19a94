import type { LoadFigures, ProposalManagerRow, ProposalVillageRow, ProposalView } from '../../shared/api/assignment';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import { managersText, readBook, registerVersion, villageManagers, zeroFigures, type Book, type Household } from './book';
import { loadsByManager } from './load-table';
import { requireAssignable, staffNames } from './managers';
import { baseSplit, bookVillages, loansHeldBy, NO_VILLAGE } from './proposal-split';

const PINYIN = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

export interface Override {
  villageId: string | null;
  managerId: string;
}

/** A worked-out proposal: the view the branch head sees, and each household's manager to apply. */
export interface WorkedProposal {
  view: ProposalView;
  /** Borrower id → manager id, for every household with an active loan. */
  householdManager(): Map<string, string>;
}

/**
 * A balanced split of the branch's active loans among `managerIds` (balanced-proposal.ts), each
 * proposed book given to the picked manager who already holds most of it (the books are even
 * whoever gets which, so as few loans as can change hands), then whole villages moved where the
 * branch head said so. Before and after for every manager concerned, and per village. Changes nothing.
 */
export async function workOutProposal(db: ReadDb, managerIds: readonly string[], overrides: readonly Override[]): Promise<WorkedProposal> {
  await requireAssignable(db, managerIds);
  for (const o of overrides) {
    if (!managerIds.includes(o.managerId)) throw new AppError('VALIDATION', '调整的客户经理须在所选的客户经理之中。', `override to ${o.managerId}, not picked`);
  }
  const book = await readBook(db);
  const base = baseSplit(book, managerIds);
  const { villages, indexOf, villageOf } = bookVillages(book);
  // Per village (by index), the manager the branch head moved it to (-1: as proposed); the last override of a village wins.
  const overridden = new Map(overrides.map((o) => [o.villageId ?? NO_VILLAGE, o.managerId]));
  const movedTo = new Int32Array(villages.length).fill(-1);
  for (const [village, m] of overridden) {
    const v = indexOf.get(village);
    if (v !== undefined) movedTo[v] = base.managerIds.indexOf(m);
  }
  const hs = book.households;
  const managerOf = base.managerOf.slice();
  const kept = base.kept.slice();
  for (let i = 0; i < hs.length; i++) {
    const m = movedTo[villageOf[i]];
    if (m < 0) continue;
    managerOf[i] = m;
    kept[i] = loansHeldBy(hs[i], base.managerIds[m]);
  }

  const split: Split = { ids: base.managerIds, managerOf, kept, villageOf, villages: villages.length };
  return {
    view: await proposalView(db, book, managerIds, split, overridden),
    householdManager: () => new Map(hs.map((h, i) => [h.borrowerId, split.ids[managerOf[i]]])),
  };
}

interface VillageTally {
  row: ProposalVillageRow;
  /** Households per proposed manager (those with any). */
  to: Array<[string, number]>;
}

/** Who gets each household, by position: index into `ids` per household, and each household's village (0 … villages − 1, in order of first appearance). */
interface Split {
  ids: readonly string[];
  managerOf: Int32Array;
  /** Per household: how many of its loans its manager holds now (comparing manager ids per loan costs more than the rest of the view). */
  kept: Float64Array;
  villageOf: Int32Array;
  villages: number;
}

/** The figures proposalView tallies per manager and per village, at these offsets. */
const HOUSEHOLDS = 0;
const LOANS = 1;
const BALANCE = 2;
const OVERDUE = 3;
const NON_PERFORMING = 4;
const FIGURES = 5;

function tally(into: Float64Array, at: number, h: Household): void {
  into[at + HOUSEHOLDS]++;
  into[at + LOANS] += h.figures.loans;
  into[at + BALANCE] += h.figures.balanceFen;
  into[at + OVERDUE] += h.figures.overdueBalanceFen;
  into[at + NON_PERFORMING] += h.figures.nonPerformingBalanceFen;
}

async function proposalView(db: ReadDb, book: Book, managerIds: readonly string[], split: Split, overridden: ReadonlyMap<string, string>): Promise<ProposalView> {
  const hs = book.households;
  const { ids, managerOf, kept, villageOf } = split;
  const n = ids.length;
  const before = loadsByManager(book);
  // Tallied in typed arrays by index: one pass over 150k households without a map lookup or an allocation.
  const after = new Float64Array(n * FIGURES);
  const villageTotals = new Float64Array(split.villages * FIGURES);
  const villageTo = new Int32Array(split.villages * n);
  const firstOf = new Int32Array(split.villages).fill(-1);
  let loansToMove = 0;
  for (let i = 0; i < hs.length; i++) {
    const h = hs[i];
    const m = managerOf[i];
    const v = villageOf[i];
    if (firstOf[v] < 0) firstOf[v] = i;
    tally(after, m * FIGURES, h);
    tally(villageTotals, v * FIGURES, h);
    villageTo[v * n + m]++;
    loansToMove += h.figures.loans - kept[i];
  }
  const tallies: VillageTally[] = [];
  for (let v = 0; v < split.villages; v++) {
    const villageId = hs[firstOf[v]].villageId;
    const row = villageRow(villageId, overridden.has(villageId ?? NO_VILLAGE));
    row.households = villageTotals[v * FIGURES + HOUSEHOLDS];
    row.loans = villageTotals[v * FIGURES + LOANS];
    row.balanceFen = villageTotals[v * FIGURES + BALANCE];
    row.overdueBalanceFen = villageTotals[v * FIGURES + OVERDUE];
    const to: Array<[string, number]> = [];
    for (let m = 0; m < n; m++) if (villageTo[v * n + m] > 0) to.push([ids[m], villageTo[v * n + m]]);
    tallies.push({ row, to });
  }
  const afterOf = (id: string): LoadFigures & { villages: number } => {
    const m = ids.indexOf(id);
    const at = m * FIGURES;
    let villages = 0;
    for (let v = 0; v < split.villages; v++) if (villageTo[v * n + m] > 0) villages++;
    return {
      households: after[at + HOUSEHOLDS],
      loans: after[at + LOANS],
      balanceFen: after[at + BALANCE],
      overdueBalanceFen: after[at + OVERDUE],
      nonPerformingBalanceFen: after[at + NON_PERFORMING],
      villages,
    };
  };

  const others = [...before.byManager.keys()].filter((m): m is string => m !== null && !managerIds.includes(m));
  const staff = await staffNames(db, [...managerIds, ...others]);
  const nameOf = (id: string) => staff.get(id)?.name ?? id;
  const none = (): LoadFigures & { villages: number } => ({ ...zeroFigures(), villages: 0 });
  const managers: ProposalManagerRow[] = [
    ...managerIds.map((id) => ({ managerId: id, name: nameOf(id), picked: true, before: before.byManager.get(id) ?? zeroFigures(), after: afterOf(id) })),
    ...others.map((id) => ({ managerId: id, name: nameOf(id), picked: false, before: before.byManager.get(id)!, after: none() })),
  ];
  const nobody = before.byManager.get(null);
  if (nobody) managers.push({ managerId: null, name: '未分配', picked: false, before: nobody, after: none() });

  const villages = await villageRows(db, tallies, villageManagers(book), nameOf);
  return {
    basis: await registerVersion(db),
    managers,
    totals: before.totals,
    villages,
    splitVillages: villages.filter((v) => v.after.length > 1).length,
    loansToMove,
  };
}

function villageRow(villageId: string | null, overridden: boolean): ProposalVillageRow {
  return { villageId, township: '', village: '（未分村）', households: 0, loans: 0, balanceFen: 0, overdueBalanceFen: 0, before: '', after: [], overridden };
}

/** Villages named and in pinyin order (no-village households last); who holds each now, as the overview says it, and who would. */
async function villageRows(
  db: ReadDb,
  tallies: VillageTally[],
  now: ReadonlyMap<string | null, Array<[string, number]>>,
  nameOf: (id: string) => string,
): Promise<ProposalVillageRow[]> {
  const names = new Map((await db.selectFrom('villages').select(['id', 'township', 'name']).execute()).map((v) => [v.id, v]));
  const most = (counts: Array<[string, number]>) => counts.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const rows = tallies.map(({ row, to }) => {
    const v = row.villageId ? names.get(row.villageId) : undefined;
    if (v) {
      row.township = v.township;
      row.village = v.name;
    }
    row.before = managersText(now.get(row.villageId) ?? [], nameOf);
    row.after = most(to).map(([managerId, households]) => ({ managerId, name: nameOf(managerId), households }));
    return row;
  });
  return rows.sort(
    (a, b) => Number(a.villageId === null) - Number(b.villageId === null) || PINYIN.compare(a.township, b.township) || PINYIN.compare(a.village, b.village),
  );
}
