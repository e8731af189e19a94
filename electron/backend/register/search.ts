import { sql } from 'kysely';
import type { SearchHit } from '../../shared/api/register';
import { maskResidentId } from '../../shared/resident-id';
import { toHalfWidth } from '../../shared/text';
import type { Db } from '../db/connection';

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Global search: letters are pinyin initials (zsf → 张三丰), digits match loan numbers,
 * resident IDs and phones, anything else a part of the name.
 */
export async function searchBorrowers(db: Db, query: string, limit: number): Promise<SearchHit[]> {
  const q = toHalfWidth(query).trim().replace(/\s+/g, '');
  let match;
  if (/^[a-z]+$/i.test(q)) {
    match = sql`b.name_initials like ${`${q.toLowerCase()}%`}`;
  } else if (/^[0-9xX-]+$/.test(q)) {
    const digits = likeEscape(q.toUpperCase());
    match = sql`(b.resident_id like ${`%${digits}%`} escape '\\'
      or b.customer_no like ${`%${digits}%`} escape '\\'
      or exists (select 1 from borrower_phones p where p.borrower_id = b.id and replace(p.phone, '-', '') like ${`%${digits.replace(/-/g, '')}%`} escape '\\')
      or exists (select 1 from loans l2 where l2.borrower_id = b.id and l2.loan_no like ${`${digits}%`} escape '\\'))`;
  } else {
    match = sql`(b.name like ${`%${likeEscape(q)}%`} escape '\\' or b.customer_no = ${q})`;
  }
  const { rows } = await sql<Omit<SearchHit, 'residentIdMasked'> & { residentId: string | null }>`
    select b.id as "borrowerId", b.name, b.resident_id as "residentId",
           coalesce(v.township, '') as township, coalesce(v.name, '') as village,
           coalesce((select group_concat(p.phone, ' / ') from borrower_phones p where p.borrower_id = b.id), '') as phones,
           (select count(*) from loans l where l.borrower_id = b.id and l.status = 'active') as loans,
           coalesce((select sum(l.balance_fen) from loans l where l.borrower_id = b.id and l.status = 'active'), 0) as "balanceFen"
    from borrowers b left join villages v on v.id = b.village_id
    where ${match}
    order by b.name, b.id
    limit ${limit}`.execute(db);
  return rows.map(({ residentId, ...r }) => ({ ...r, residentIdMasked: maskResidentId(residentId ?? '') }));
}
