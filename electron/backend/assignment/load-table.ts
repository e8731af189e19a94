import type { LoadFigures, LoadRow, LoadTable, ManagerOption } from '../../shared/api/assignment';
import type { ReadDb } from '../db/read-db';
import { addMoney, derived, readBook, zeroFigures, type Book } from './book';
import { staffNames } from './managers';

const PINYIN = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

/** Each manager's load from a book: loans and money by current assignment, households by who holds most of each. Do not change what it returns: it is kept with the book. */
export const loadsByManager = derived((book: Book): { byManager: ReadonlyMap<string | null, LoadFigures>; totals: LoadFigures } => {
  const byManager = new Map<string | null, LoadFigures>();
  const totals = zeroFigures();
  const of = (m: string | null) => {
    let f = byManager.get(m);
    if (!f) byManager.set(m, (f = zeroFigures()));
    return f;
  };
  for (const h of book.households) {
    for (const part of h.parts) addMoney(of(part.managerId), part);
    addMoney(totals, h.figures);
    of(h.mainManagerId).households++;
    totals.households++;
  }
  return { byManager, totals };
});

/**
 * The live load table: a row per account manager (active ones even with an empty book, and
 * anyone else who holds loans), one for loans nobody looks after when there are any, and the
 * branch's totals. Rows in pinyin order of names, 未分配 last.
 */
export async function loadTable(db: ReadDb, canAssign: boolean): Promise<LoadTable> {
  const { byManager, totals } = loadsByManager(await readBook(db));
  const staff = await staffNames(db, [...byManager.keys()].filter((m): m is string => m !== null));
  const rows: LoadRow[] = [];
  const share = (f: LoadFigures) => (totals.balanceFen === 0 ? 0 : f.balanceFen / totals.balanceFen);
  for (const s of staff.values()) {
    if (!(s.role === 'manager' && s.active) && !byManager.has(s.id)) continue;
    const f = byManager.get(s.id) ?? zeroFigures();
    rows.push({ managerId: s.id, name: s.name, active: s.active, ...f, balanceShare: share(f) });
  }
  rows.sort((a, b) => PINYIN.compare(a.name, b.name) || (a.managerId! < b.managerId! ? -1 : 1));
  const nobody = byManager.get(null);
  if (nobody) rows.push({ managerId: null, name: '未分配', active: true, ...nobody, balanceShare: share(nobody) });

  const assignable: ManagerOption[] = rows.filter((r) => r.managerId !== null && staff.get(r.managerId)?.assignable).map((r) => ({ id: r.managerId!, name: r.name }));
  return { rows, totals, assignable, canAssign };
}
