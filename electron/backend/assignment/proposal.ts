import { sql } from 'kysely';
import type { ProposalManagerRow, ProposalVillageRow, ProposalView } from '../../shared/api/assignment';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import { proposeBalanced, type ProposalVillage } from './balanced-proposal';
import { addMoney, households, readBook, zeroFigures, type BookPart, type Household } from './book';
import { loadsByManager } from './load-table';
import { requireAssignable, staffNames } from './managers';

/** No-village households travel as one village with this id through the proposal. */
const NO_VILLAGE = '';

export interface Override {
  villageId: string | null;
  managerId: string;
}

/** A worked-out proposal: the view the branch head sees, and each household's manager to apply. */
export interface WorkedProposal {
  view: ProposalView;
  householdManager: Map<string, string>;
}

/** Households grouped by village, in register order within each, as the balanced proposal takes them. */
export function proposalVillages(hs: readonly Household[]): ProposalVillage[] {
  const byVillage = new Map<string, ProposalVillage>();
  for (const h of hs) {
    const id = h.villageId ?? NO_VILLAGE;
    let v = byVillage.get(id);
    if (!v) byVillage.set(id, (v = { id, name: id, households: [] }));
    v.households.push({ id: h.borrowerId, loans: h.figures.loans, balanceFen: h.figures.balanceFen, overdueBalanceFen: h.figures.overdueBalanceFen });
  }
  return [...byVillage.values()];
}

/**
 * A balanced split of the branch's active loans among `managerIds` (helper: balanced-proposal.ts),
 * then whole villages moved where the branch head said so. Before and after for every manager
 * concerned, and per village. Changes nothing.
 */
export async function workOutProposal(db: ReadDb, managerIds: readonly string[], overrides: readonly Override[]): Promise<WorkedProposal> {
  await requireAssignable(db, managerIds);
  for (const o of overrides) {
    if (!managerIds.includes(o.managerId)) throw new AppError('VALIDATION', '调整的客户经理须在所选的客户经理之中。', `override to ${o.managerId}, not picked`);
  }
  const book = await readBook(db);
  const hs = households(book);
  const villages = proposalVillages(hs);
  const householdManager =
    villages.length === 0 ? new Map<string, string>() : leastMoves(hs, managerIds, proposeBalanced({ villages, managerIds: [...managerIds] }).householdManager);
  const overridden = new Map(overrides.map((o) => [o.villageId ?? NO_VILLAGE, o.managerId]));
  for (const v of villages) {
    const to = overridden.get(v.id);
    if (to) for (const h of v.households) householdManager.set(h.id, to);
  }
  return { view: await proposalView(db, book, hs, managerIds, householdManager, overridden), householdManager };
}

/**
 * The proposal's books are even whoever gets which: each goes to the manager who already holds
 * most of its loans (greedily, largest overlap first), so that as few loans as can change hands.
 */
function leastMoves(hs: readonly Household[], managerIds: readonly string[], proposed: ReadonlyMap<string, string>): Map<string, string> {
  const overlap = new Map<string, Map<string, number>>();
  for (const h of hs) {
    const book = proposed.get(h.borrowerId)!;
    const row = overlap.get(book) ?? new Map<string, number>();
    overlap.set(book, row);
    for (const p of h.parts) if (p.managerId !== null) row.set(p.managerId, (row.get(p.managerId) ?? 0) + p.loans);
  }
  const books = [...new Set(proposed.values())];
  const pairs = books
    .flatMap((book) => managerIds.map((m) => ({ book, m, loans: overlap.get(book)?.get(m) ?? 0 })))
    .sort((a, b) => b.loans - a.loans || (a.book < b.book ? -1 : a.book > b.book ? 1 : a.m < b.m ? -1 : a.m > b.m ? 1 : 0));
  const to = new Map<string, string>();
  const taken = new Set<string>();
  for (const { book, m } of pairs) {
    if (to.has(book) || taken.has(m)) continue;
    to.set(book, m);
    taken.add(m);
  }
  return new Map([...proposed].map(([h, book]) => [h, to.get(book)!]));
}

async function proposalView(
  db: ReadDb,
  book: readonly BookPart[],
  hs: readonly Household[],
  managerIds: readonly string[],
  householdManager: ReadonlyMap<string, string>,
  overridden: ReadonlyMap<string, string>,
): Promise<ProposalView> {
  const before = loadsByManager(book);
  const after = new Map(managerIds.map((m) => [m, { ...zeroFigures(), villages: new Set<string>() }]));
  let loansToMove = 0;
  for (const h of hs) {
    const m = householdManager.get(h.borrowerId)!;
    const load = after.get(m)!;
    load.households++;
    addMoney(load, h.figures);
    load.villages.add(h.villageId ?? NO_VILLAGE);
    for (const p of h.parts) if (p.managerId !== m) loansToMove += p.loans;
  }

  const others = [...before.byManager.keys()].filter((m): m is string => m !== null && !managerIds.includes(m));
  const staff = await staffNames(db, [...managerIds, ...others]);
  const nameOf = (id: string) => staff.get(id)?.name ?? id;
  const managers: ProposalManagerRow[] = [
    ...managerIds.map((id) => {
      const { villages, ...figures } = after.get(id)!;
      return { managerId: id, name: nameOf(id), picked: true, before: before.byManager.get(id) ?? zeroFigures(), after: { ...figures, villages: villages.size } };
    }),
    ...others.map((id) => ({ managerId: id, name: nameOf(id), picked: false, before: before.byManager.get(id)!, after: { ...zeroFigures(), villages: 0 } })),
  ];
  const nobody = before.byManager.get(null);
  if (nobody) managers.push({ managerId: null, name: '未分配', picked: false, before: nobody, after: { ...zeroFigures(), villages: 0 } });

  const villages = await villageRows(db, hs, householdManager, overridden, nameOf);
  return {
    basis: await registerVersion(db),
    managers,
    totals: before.totals,
    villages,
    splitVillages: villages.filter((v) => v.after.length > 1).length,
    loansToMove,
  };
}

async function villageRows(
  db: ReadDb,
  hs: readonly Household[],
  householdManager: ReadonlyMap<string, string>,
  overridden: ReadonlyMap<string, string>,
  nameOf: (id: string) => string,
): Promise<ProposalVillageRow[]> {
  const names = new Map((await db.selectFrom('villages').select(['id', 'township', 'name']).execute()).map((v) => [v.id, v]));
  const rows = new Map<string, { row: ProposalVillageRow; nowLoans: Map<string, number>; toHouseholds: Map<string, number> }>();
  for (const h of hs) {
    const key = h.villageId ?? NO_VILLAGE;
    let r = rows.get(key);
    if (!r) {
      const v = h.villageId ? names.get(h.villageId) : undefined;
      r = {
        row: { villageId: h.villageId, township: v?.township ?? '', village: v?.name ?? '（未分村）', households: 0, loans: 0, balanceFen: 0, overdueBalanceFen: 0, before: '', after: [], overridden: overridden.has(key) },
        nowLoans: new Map(),
        toHouseholds: new Map(),
      };
      rows.set(key, r);
    }
    r.row.households++;
    r.row.loans += h.figures.loans;
    r.row.balanceFen += h.figures.balanceFen;
    r.row.overdueBalanceFen += h.figures.overdueBalanceFen;
    for (const p of h.parts) if (p.managerId !== null) r.nowLoans.set(p.managerId, (r.nowLoans.get(p.managerId) ?? 0) + p.loans);
    const to = householdManager.get(h.borrowerId)!;
    r.toHouseholds.set(to, (r.toHouseholds.get(to) ?? 0) + 1);
  }
  const PINYIN = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
  const ordered = [...rows.values()].sort(
    (a, b) => Number(a.row.villageId === null) - Number(b.row.villageId === null) || PINYIN.compare(a.row.township, b.row.township) || PINYIN.compare(a.row.village, b.row.village),
  );
  return ordered.map(({ row, nowLoans, toHouseholds }) => {
    // As the villages overview says it: the manager of most loans, and how many share them.
    const now = [...nowLoans].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    row.before = now.length === 0 ? '' : now.length === 1 ? nameOf(now[0][0]) : `${nameOf(now[0][0])}等${now.length}人`;
    row.after = [...toHouseholds].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([managerId, households]) => ({ managerId, name: nameOf(managerId), households }));
    return row;
  });
}

/** The register's version: the newest change-log entry. Every write goes through the log, so while it stands still, so does the data. */
export async function registerVersion(db: ReadDb): Promise<number> {
  const { rows } = await sql<{ seq: number | null }>`select max(seq) as seq from change_log`.execute(db);
  return rows[0].seq ?? 0;
}

