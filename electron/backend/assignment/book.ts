import { sql } from 'kysely';
import type { LoadFigures } from '../../shared/api/assignment';
import type { ReadDb } from '../db/read-db';
import { readManyRows } from '../db/read-many-rows';

/** A household's active loans held by one manager (or by nobody: managerId null). */
export interface BookPart {
  borrowerId: string;
  villageId: string | null;
  managerId: string | null;
  loans: number;
  balanceFen: number;
  overdueBalanceFen: number;
  nonPerformingBalanceFen: number;
}

/**
 * The branch's active loans summed per household and current manager, households in register
 * order (village, then name in pinyin order, as the printed register lists them): what the load
 * table, the proposal and the takeover work from. One pass over the loans, read as JSON (see
 * readManyRows): a county has 200k.
 */
export async function readBook(db: ReadDb): Promise<BookPart[]> {
  const rows = await readManyRows<{ b: string; v: string | null; m: string | null; n: number; bal: number; od: number; npl: number }>(
    db,
    sql`(
      select p.b, bw.village_id as v, p.m, p.n, p.bal, p.od, p.npl
      from (
        select l.borrower_id as b, a.manager_id as m, count(*) as n, total(l.balance_fen) as bal,
               total(case when l.principal_overdue_days > 0 then l.balance_fen else 0 end) as od,
               total(case when l.risk_class in ('次级', '可疑', '损失') then l.balance_fen else 0 end) as npl
        from loans l left join current_loan_managers a on a.loan_id = l.id
        where l.status = 'active'
        group by l.borrower_id, a.manager_id
      ) p join borrowers bw on bw.id = p.b
      order by bw.village_id, bw.name_pinyin, bw.name, bw.id, p.m
    )`,
    ['b', 'v', 'm', 'n', 'bal', 'od', 'npl'],
  );
  return rows.map((r) => ({
    borrowerId: r.b,
    villageId: r.v,
    managerId: r.m,
    loans: r.n,
    balanceFen: Math.round(r.bal),
    overdueBalanceFen: Math.round(r.od),
    nonPerformingBalanceFen: Math.round(r.npl),
  }));
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

/** A household's whole book and the manager holding most of it (most balance, then most loans, then the smaller id; nobody last). */
export interface Household {
  borrowerId: string;
  villageId: string | null;
  figures: Omit<LoadFigures, 'households'>;
  mainManagerId: string | null;
  parts: BookPart[];
}

/** Groups a book's parts (in register order) by household, keeping the order. */
export function households(book: readonly BookPart[]): Household[] {
  const out: Household[] = [];
  for (const part of book) {
    let h = out.at(-1);
    if (!h || h.borrowerId !== part.borrowerId) {
      h = { borrowerId: part.borrowerId, villageId: part.villageId, figures: { loans: 0, balanceFen: 0, overdueBalanceFen: 0, nonPerformingBalanceFen: 0 }, mainManagerId: null, parts: [] };
      out.push(h);
    }
    h.parts.push(part);
    addMoney(h.figures as LoadFigures, part);
  }
  for (const h of out) h.mainManagerId = mainManager(h.parts);
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
