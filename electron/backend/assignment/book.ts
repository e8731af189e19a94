import { sql } from 'kysely';
import type { LoadFigures } from '../../shared/api/assignment';
import { tablesVersion } from '../changelog/table-versions';
import { readTransaction, type ReadDb } from '../db/read-db';

/** A household's active loans held by one manager (or by nobody: managerId null). */
export interface BookPart {
  managerId: string | null;
  loans: number;
  balanceFen: number;
  overdueBalanceFen: number;
  nonPerformingBalanceFen: number;
}

/** A household's whole book and the manager holding most of it (most balance, then most loans, then the smaller id; nobody last). */
export interface Household {
  borrowerId: string;
  villageId: string | null;
  figures: Omit<LoadFigures, 'households'>;
  mainManagerId: string | null;
  parts: BookPart[];
}

/** The branch's active loans by household and current manager: what the load table, the proposal, the takeover and the overview's managers work from. */
export interface Book {
  /** In register order: by village, then within each in pinyin order of names. */
  households: Household[];
}

/** Something worked out from a book once and kept with it (figures per manager, the proposal's villages). */
export function derived<T>(compute: (book: Book) => T): (book: Book) => T {
  const memo = new WeakMap<Book, T>();
  return (book) => {
    if (!memo.has(book)) memo.set(book, compute(book));
    return memo.get(book)!;
  };
}

/**
 * Per village (null: households without one), its current managers by how many of its active
 * loans each looks after, most first (ties: the smaller id). Kept with the book.
 */
export const villageManagers = derived((book: Book): Map<string | null, Array<[string, number]>> => {
  const counts = new Map<string | null, Map<string, number>>();
  for (const h of book.households) {
    let c = counts.get(h.villageId);
    if (!c) counts.set(h.villageId, (c = new Map()));
    for (const p of h.parts) if (p.managerId !== null) c.set(p.managerId, (c.get(p.managerId) ?? 0) + p.loans);
  }
  return new Map([...counts].map(([v, c]) => [v, [...c].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))]));
});

/** Who looks after a village's loans as a person reads it: 张三, or 张三等2人 when several share them; '' for nobody. */
export function managersText(holders: ReadonlyArray<[string, number]>, nameOf: (id: string) => string): string {
  if (holders.length === 0) return '';
  return `${nameOf(holders[0][0])}${holders.length > 1 ? `等${holders.length}人` : ''}`;
}

interface CachedBook {
  version: number;
  book: Promise<Book>;
}

// One book per database handle, kept while the register stands still: every write goes through
// the change log, so its newest entry says whether the book is still the register's. Pages that
// read it one after another (the load table, the overview, a proposal edited village by village)
// then pay for reading 200k loans once per change, not once per call.
const cache = new WeakMap<object, CachedBook>();

/**
 * The book as of now. Read from `db` itself (not a transaction) it is kept for the next call
 * until anything changes; read inside a transaction it is read afresh, from that transaction.
 */
export async function readBook(db: ReadDb): Promise<Book> {
  if (isTransaction(db)) return (await readBookAt(db)).book;
  const version = await registerVersion(db);
  const hit = cache.get(db);
  if (hit && hit.version === version) return hit.book;
  const read = readBookAt(db);
  const entry: CachedBook = { version, book: read.then((r) => r.book) };
  // A failed read is thrown to this caller below; the cached copy of it, awaited by no one yet,
  // must not be an unhandled rejection too (it was, when the database closed under a read).
  entry.book.catch(() => undefined);
  cache.set(db, entry);
  try {
    const { book, version: readAt } = await read;
    // Written to between the two reads: keep it under the version it was read at.
    if (readAt !== version) cache.set(db, { version: readAt, book: Promise.resolve(book) });
    return book;
  } catch (err) {
    if (cache.get(db) === entry) cache.delete(db);
    throw err;
  }
}

/** What the book is read from: while none of these tables changes, neither does the book. */
const BOOK_TABLES = ['loans', 'loan_assignments', 'borrowers'];

/** The book's version: the newest change-log entry touching the tables it is read from. */
export async function registerVersion(db: ReadDb): Promise<number> {
  return tablesVersion(db, BOOK_TABLES);
}

async function readBookAt(db: ReadDb): Promise<{ book: Book; version: number }> {
  const run = async (trx: ReadDb) => {
    // Scanned, one row per active loan with its manager (one index lookup each), as JSON: the
    // sqlite3 driver's cost is per cell, and V8 parses one JSON text far faster.
    const { rows: loanRows } = await sql<{ j: string }>`
      select json_group_array(json_array(l.borrower_id, a.manager_id, l.balance_fen,
               case when l.principal_overdue_days > 0 then l.balance_fen else 0 end,
               case when l.risk_class in ('次级', '可疑', '损失') then l.balance_fen else 0 end)) as j
      from loans l left join current_loan_managers a on a.loan_id = l.id
      where +l.status = 'active'`.execute(trx);
    const { rows: borrowerRows } = await sql<{ j: string }>`
      select json_group_array(json_array(id, village_id)) as j
      from (select id, village_id from borrowers order by village_id, name_pinyin, name, id)`.execute(trx);
    return { loans: loanRows[0].j, borrowers: borrowerRows[0].j, version: await registerVersion(trx) };
  };
  const raw = isTransaction(db) ? await run(db) : await readTransaction(db, run);

  const byBorrower = new Map<string, Household>();
  for (const [borrowerId, managerId, balance, overdue, npl] of JSON.parse(raw.loans) as Array<[string, string | null, number, number, number]>) {
    let h = byBorrower.get(borrowerId);
    if (!h) {
      h = { borrowerId, villageId: null, figures: { loans: 0, balanceFen: 0, overdueBalanceFen: 0, nonPerformingBalanceFen: 0 }, mainManagerId: null, parts: [] };
      byBorrower.set(borrowerId, h);
    }
    let part = h.parts.find((p) => p.managerId === managerId);
    if (!part) h.parts.push((part = { managerId, loans: 0, balanceFen: 0, overdueBalanceFen: 0, nonPerformingBalanceFen: 0 }));
    part.loans++;
    part.balanceFen += balance;
    part.overdueBalanceFen += overdue;
    part.nonPerformingBalanceFen += npl;
  }
  const households: Household[] = [];
  for (const [id, villageId] of JSON.parse(raw.borrowers) as Array<[string, string | null]>) {
    const h = byBorrower.get(id);
    if (!h) continue;
    h.villageId = villageId;
    for (const p of h.parts) addMoney(h.figures as LoadFigures, p);
    h.mainManagerId = mainManager(h.parts);
    households.push(h);
  }
  return { book: { households }, version: raw.version };
}

function isTransaction(db: ReadDb): boolean {
  return (db as { isTransaction?: boolean }).isTransaction === true;
}

export function zeroFigures(): LoadFigures {
  return { households: 0, loans: 0, balanceFen: 0, overdueBalanceFen: 0, nonPerformingBalanceFen: 0 };
}

/** Adds a part's loans and money to `into` (households are counted by the caller). */
export function addMoney(into: LoadFigures, part: Pick<BookPart, 'loans' | 'balanceFen' | 'overdueBalanceFen' | 'nonPerformingBalanceFen'>): void {
  into.loans += part.loans;
  into.balanceFen += part.balanceFen;
  into.overdueBalanceFen += part.overdueBalanceFen;
  into.nonPerformingBalanceFen += part.nonPerformingBalanceFen;
}

/** The households of one manager's book, each with only the loans that manager holds. */
export function booksOf(book: Book, managerId: string): Household[] {
  const out: Household[] = [];
  for (const h of book.households) {
    const part = h.parts.find((p) => p.managerId === managerId);
    if (!part) continue;
    const { managerId: _m, ...figures } = part;
    out.push({ ...h, figures, mainManagerId: managerId, parts: [part] });
  }
  return out;
}

function mainManager(parts: readonly BookPart[]): string | null {
  let best: BookPart | null = null;
  for (const p of parts) {
    if (
      best === null ||
      p.balanceFen > best.balanceFen ||
      (p.balanceFen === best.balanceFen && (p.loans > best.loans || (p.loans === best.loans && outranks(p.managerId, best.managerId))))
    ) {
      best = p;
    }
  }
  return best?.managerId ?? null;
}

/** Ties: a manager before nobody, then the smaller id. */
function outranks(a: string | null, b: string | null): boolean {
  if (a === null) return false;
  if (b === null) return true;
  return a < b;
}
