import { sql } from 'kysely';
import type { SearchHit } from '../../shared/api/register';
import { canonicalResidentId, maskResidentId } from '../../shared/resident-id';
import { toHalfWidth } from '../../shared/text';
import type { ReadDb } from '../db/read-db';
import { likeEscape } from '../db/like-pattern';

/** The smallest string greater than every string that starts with `prefix` (ASCII prefixes). */
function nextPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * Which borrowers' resident IDs a digit query matches. Someone who may see full IDs matches any
 * part. Anyone else sees IDs masked, and must not learn the hidden digits by watching which
 * masked rows a probe matches: they match a whole ID exactly, or a part of the digits the masked
 * form shows (as maskResidentId: the first 6 and last 4 of 15 or 18, else the first 3 and last 2).
 */
function residentIdMatch(q: string, fullIds: boolean) {
  if (fullIds) return sql`select id from borrowers where resident_id like ${`%${likeEscape(q)}%`} escape '\\'`;
  const whole = q.length === 18 || q.length === 15 ? sql`resident_id in (${q}, ${canonicalResidentId(q)}) or ` : sql``;
  const contains = `%${likeEscape(q)}%`;
  return sql`select id from borrowers where ${whole}(
      length(resident_id) in (15, 18) and (substr(resident_id, 1, 6) like ${contains} escape '\\' or substr(resident_id, -4) like ${contains} escape '\\')
      or length(resident_id) > 5 and length(resident_id) not in (15, 18)
         and (substr(resident_id, 1, 3) like ${contains} escape '\\' or substr(resident_id, -2) like ${contains} escape '\\'))`;
}

/**
 * Global search: letters are pinyin initials (zsf → 张三丰), digits match loan numbers,
 * resident IDs and phones, anything else a part of the name. `fullIds`: the caller may see
 * full resident IDs (FULL_ID_ROLES), so may search by any part of one.
 */
export async function searchBorrowers(db: ReadDb, query: string, limit: number, { fullIds }: { fullIds: boolean }): Promise<SearchHit[]> {
  const q = toHalfWidth(query).trim().replace(/\s+/g, '');
  let match;
  if (/^[a-z]+$/i.test(q)) {
    // Initials are stored as lower-case a–z (name-pinyin.ts): a range the borrowers_initials index
    // serves, where LIKE (case-blind) reads every borrower (~150 ms on a county's book for `zl`).
    const initials = q.toLowerCase();
    match = sql`b.name_initials >= ${initials} and b.name_initials < ${nextPrefix(initials)}`;
  } else if (/^[0-9xX-]+$/.test(q)) {
    const digits = likeEscape(q.toUpperCase());
    const contains = `%${digits}%`;
    // One pass over each source, not a lookup per borrower: ~80 ms instead of ~350 on 200k loans.
    // Loan numbers match from the start, as a range the loan_no index can serve.
    match = sql`b.id in (
      ${residentIdMatch(q.toUpperCase(), fullIds)}
      union all select id from borrowers where customer_no like ${contains} escape '\\'
      union all select borrower_id from borrower_phones where replace(phone, '-', '') like ${contains.replace(/-/g, '')} escape '\\'
      union all select borrower_id from loans where loan_no >= ${q.toUpperCase()} and loan_no < ${nextPrefix(q.toUpperCase())})`;
  } else {
    match = sql`(b.name like ${`%${likeEscape(q)}%`} escape '\\' or b.customer_no = ${q})`;
  }
  const { rows } = await sql<Omit<SearchHit, 'residentIdMasked'> & { residentId: string | null }>`
    select b.id as "borrowerId", b.name, b.resident_id as "residentId",
           coalesce(v.township, '') as township, coalesce(v.name, '') as village,
           coalesce((select group_concat(p.phone, ' / ') from borrower_phones p where p.borrower_id = b.id), '') as phones,
           (select count(*) from loans l where l.borrower_id = b.id and l.status = 'active') as loans,
           coalesce((select total(l.balance_fen) from loans l where l.borrower_id = b.id and l.status = 'active'), 0) as "balanceFen"
    from borrowers b left join villages v on v.id = b.village_id
    where ${match}
    order by b.name_pinyin, b.name, b.id
    limit ${limit}`.execute(db);
  return rows.map(({ residentId, ...r }) => ({ ...r, residentIdMasked: maskResidentId(residentId ?? '') }));
}
