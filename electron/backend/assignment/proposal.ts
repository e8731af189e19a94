import type { LoadFigures, ProposalManagerRow, ProposalVillageRow, ProposalView } from '../../shared/api/assignment';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import { proposeBalanced, type ProposalVillage } from './balanced-proposal';
import { addMoney, derived, managersText, readBook, registerVersion, villageManagers, zeroFigures, type Book, type Household } from './book';
import { loadsByManager } from './load-table';
import { requireAssignable, staffNames } from './managers';

/** No-village households travel as one village with this id through the proposal. */
const NO_VILLAGE = '';
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

interface VillageTally {
  row: ProposalVillageRow;
  /** Households per proposed manager. */
  to: Map<string, number>;
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
  const hs = book.households;
  const villages = villagesOfBook(book);
  const proposed = villages.length === 0 ? new Map<string, string>() : proposeBalanced({ villages, managerIds: [...managerIds] }).householdManager;

  // One pass for the proposed book of each household, and how much of each book each manager holds now.
  const books: string[] = new Array(hs.length);
  const overlap = new Map<string, Map<string, number>>();
  for (let i = 0; i < hs.length; i++) {
    const book = (books[i] = proposed.get(hs[i].borrowerId)!);
    let row = overlap.get(book);
    if (!row) overlap.set(book, (row = new Map()));
    for (const p of hs[i].parts) if (p.managerId !== null) row.set(p.managerId, (row.get(p.managerId) ?? 0) + p.loans);
  }
  const relabel = leastMoves(overlap, managerIds);
  const overridden = new Map(overrides.map((o) => [o.villageId ?? NO_VILLAGE, o.managerId]));
  const managerOf = (i: number) => overridden.get(hs[i].villageId ?? NO_VILLAGE) ?? relabel.get(books[i])!;

  return {
    view: await proposalView(db, book, managerIds, managerOf, overridden),
    householdManager: () => new Map(hs.map((h, i) => [h.borrowerId, managerOf(i)])),
  };
}

/** Each proposed book → the manager who holds most of its loans now, largest overlap first. */
function leastMoves(overlap: ReadonlyMap<string, ReadonlyMap<string, number>>, managerIds: readonly string[]): Map<string, string> {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const pairs = [...overlap.keys()]
    .flatMap((book) => managerIds.map((m) => ({ book, m, loans: overlap.get(book)?.get(m) ?? 0 })))
    .sort((a, b) => b.loans - a.loans || cmp(a.book, b.book) || cmp(a.m, b.m));
  const to = new Map<string, string>();
  const taken = new Set<string>();
  for (const { book, m } of pairs) {
    if (to.has(book) || taken.has(m)) continue;
    to.set(book, m);
    taken.add(m);
  }
  return to;
}

const villagesOfBook = derived((book: Book) => proposalVillages(book.households));

async function proposalView(
  db: ReadDb,
  book: Book,
  managerIds: readonly string[],
  managerOf: (i: number) => string,
  overridden: ReadonlyMap<string, string>,
): Promise<ProposalView> {
  const hs = book.households;
  const before = loadsByManager(book);
  const after = new Map(managerIds.map((m) => [m, { ...zeroFigures(), villages: new Set<string>() }]));
  const tallies = new Map<string, VillageTally>();
  let loansToMove = 0;
  for (let i = 0; i < hs.length; i++) {
    const h = hs[i];
    const m = managerOf(i);
    const village = h.villageId ?? NO_VILLAGE;
    const load = after.get(m)!;
    load.households++;
    addMoney(load, h.figures);
    load.villages.add(village);

    let t = tallies.get(village);
    if (!t) tallies.set(village, (t = { row: villageRow(h.villageId, overridden.has(village)), to: new Map() }));
    t.row.households++;
    t.row.loans += h.figures.loans;
    t.row.balanceFen += h.figures.balanceFen;
    t.row.overdueBalanceFen += h.figures.overdueBalanceFen;
    t.to.set(m, (t.to.get(m) ?? 0) + 1);
    for (const p of h.parts) if (p.managerId !== m) loansToMove += p.loans;
  }

  const others = [...before.byManager.keys()].filter((m): m is string => m !== null && !managerIds.includes(m));
  const staff = await staffNames(db, [...managerIds, ...others]);
  const nameOf = (id: string) => staff.get(id)?.name ?? id;
  const none = (): LoadFigures & { villages: number } => ({ ...zeroFigures(), villages: 0 });
  const managers: ProposalManagerRow[] = [
    ...managerIds.map((id) => {
      const { villages, ...figures } = after.get(id)!;
      return { managerId: id, name: nameOf(id), picked: true, before: before.byManager.get(id) ?? zeroFigures(), after: { ...figures, villages: villages.size } };
    }),
    ...others.map((id) => ({ managerId: id, name: nameOf(id), picked: false, before: before.byManager.get(id)!, after: none() })),
  ];
  const nobody = before.byManager.get(null);
  if (nobody) managers.push({ managerId: null, name: '未分配', picked: false, before: nobody, after: none() });

  const villages = await villageRows(db, [...tallies.values()], villageManagers(book), nameOf);
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
  const most = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
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
