import { sql } from 'kysely';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';

/** One household's card: who it is for and whom to call. */
export interface ContactCard {
  household: string;
  village: string;
  address: string;
  /** The household's manager: the current manager of its loans (an active one first), else the village's; '' when neither. */
  managerName: string;
  managerPhone: string;
}

export interface VillageCards {
  township: string;
  village: string;
  cards: ContactCard[];
}

interface CardRow {
  name: string;
  address: string;
  manager: string | null;
  phone: string | null;
}

/** Every household of a village, borrower or not, in register order (name pinyin), with its manager. */
export async function villageContactCards(db: ReadDb, villageId: string): Promise<VillageCards> {
  const village = await db.selectFrom('villages').select(['township', 'name', 'manager_id']).where('id', '=', villageId).executeTakeFirst();
  if (!village) throw new AppError('NOT_FOUND', '找不到这个村，请刷新后重试。', `contact cards: village ${villageId} not found`);
  // The household's manager: of its active loans before its settled ones, the largest balance's.
  const { rows } = await sql<CardRow>`
    select b.name, b.address, s.display_name as manager, s.phone
    from borrowers b
    left join staff s on s.id = coalesce(
      (select cm.manager_id from loans l join current_loan_managers cm on cm.loan_id = l.id
        where l.borrower_id = b.id
        order by l.status = 'active' desc, l.balance_fen desc, l.loan_no limit 1),
      ${village.manager_id})
    where b.village_id = ${villageId}
    order by b.name_pinyin, b.name, b.id`.execute(db);
  return {
    township: village.township,
    village: village.name,
    cards: rows.map((r) => ({ household: r.name, village: village.name, address: r.address, managerName: r.manager ?? '', managerPhone: r.phone ?? '' })),
  };
}
