import { sql } from 'kysely';
import { maskResidentId } from '../../shared/resident-id';
import { readSettings } from '../auth/settings';
import type { Db } from '../db/connection';
import { AppError } from '../rpc/app-error';
import type { RegisterHousehold, RegisterLoan, VillageRegisterData } from './village-register-data';

type LoanRow = RegisterLoan & {
  borrowerId: string;
  name: string;
  residentId: string | null;
  address: string;
  whereabouts: string;
  contactName: string;
  contactPhone: string;
  managerName: string | null;
};

function localStamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}`;
}

/** A village's active loans grouped by household, as the printed register and the export show them. */
export async function villageRegisterData(db: Db, villageId: string, maskIds: boolean, now = new Date()): Promise<VillageRegisterData> {
  const village = await db.selectFrom('villages').selectAll().where('id', '=', villageId).executeTakeFirst();
  if (!village) throw new AppError('NOT_FOUND', '找不到该村', `village ${villageId} not found`);

  const [settings, loans, phones, asOf] = await Promise.all([
    readSettings(db),
    sql<LoanRow>`
      select b.id as "borrowerId", b.name, b.resident_id as "residentId", b.address, b.whereabouts,
             b.contact_name as "contactName", b.contact_phone as "contactPhone", s.display_name as "managerName",
             l.loan_no as "loanNo", l.product, l.guarantee_type as "guaranteeType", l.disbursed_on as "disbursedOn",
             l.maturity_on as "maturityOn", l.contract_amount_fen as "contractAmountFen", l.balance_fen as "balanceFen",
             l.principal_overdue_days as "principalOverdueDays", l.interest_owed_fen as "interestOwedFen", l.risk_class as "riskClass"
      from loans l join borrowers b on b.id = l.borrower_id left join staff s on s.id = l.manager_id
      where b.village_id = ${villageId} and l.status = 'active'
      order by b.name_initials, b.name, b.id, l.loan_no`.execute(db),
    sql<{ borrowerId: string; phone: string }>`
      select p.borrower_id as "borrowerId", p.phone from borrower_phones p join borrowers b on b.id = p.borrower_id
      where b.village_id = ${villageId} order by p.created_at`.execute(db),
    sql<{ asOf: string | null }>`
      select max(ls.as_of) as "asOf" from loan_snapshots ls join loans l on l.id = ls.loan_id join borrowers b on b.id = l.borrower_id
      where b.village_id = ${villageId}`.execute(db),
  ]);

  const phonesOf = new Map<string, string[]>();
  for (const p of phones.rows) phonesOf.set(p.borrowerId, [...(phonesOf.get(p.borrowerId) ?? []), p.phone]);

  const households: Array<RegisterHousehold & { id: string }> = [];
  let current: (RegisterHousehold & { id: string }) | null = null;
  for (const row of loans.rows) {
    if (!current || current.id !== row.borrowerId) {
      current = {
        id: row.borrowerId,
        name: row.name,
        residentId: maskIds ? maskResidentId(row.residentId ?? '') : (row.residentId ?? ''),
        phones: phonesOf.get(row.borrowerId) ?? [],
        address: row.address,
        whereabouts: row.whereabouts,
        contactName: row.contactName,
        contactPhone: row.contactPhone,
        managerName: row.managerName ?? '',
        loans: [],
      };
      households.push(current);
    }
    current.loans.push({
      loanNo: row.loanNo,
      product: row.product,
      guaranteeType: row.guaranteeType,
      disbursedOn: row.disbursedOn,
      maturityOn: row.maturityOn,
      contractAmountFen: row.contractAmountFen,
      balanceFen: row.balanceFen,
      principalOverdueDays: row.principalOverdueDays,
      interestOwedFen: row.interestOwedFen,
      riskClass: row.riskClass,
    });
  }

  const all = loans.rows;
  return {
    branchName: settings.branch_name ?? '',
    township: village.township,
    village: village.name,
    asOf: asOf.rows[0]?.asOf ?? null,
    generatedAt: localStamp(now),
    idsMasked: maskIds,
    households: households.map(({ id: _id, ...h }) => h),
    totals: {
      households: households.length,
      loans: all.length,
      balanceFen: all.reduce((s, l) => s + l.balanceFen, 0),
      overdueLoans: all.filter((l) => l.principalOverdueDays > 0).length,
      overdueBalanceFen: all.reduce((s, l) => s + (l.principalOverdueDays > 0 ? l.balanceFen : 0), 0),
    },
  };
}

/** Finds a village by name for the CLI: `刘家会村`, or `白文镇/刘家会村` when the name repeats. */
export async function findVillageByName(db: Db, input: string): Promise<{ id: string; township: string; name: string }> {
  const [township, name] = input.includes('/') ? input.split('/', 2).map((s) => s.trim()) : [null, input.trim()];
  let query = db.selectFrom('villages').select(['id', 'township', 'name']).where('name', '=', name);
  if (township !== null) query = query.where('township', '=', township);
  const matches = await query.execute();
  if (matches.length === 0) throw new AppError('NOT_FOUND', `找不到村：${input}`, `village ${input} not found`);
  if (matches.length > 1) {
    const options = matches.map((m) => `${m.township}/${m.name}`).join('、');
    throw new AppError('AMBIGUOUS_VILLAGE', `有多个同名村，请写明乡镇：${options}`, `village ${input} is ambiguous`);
  }
  return matches[0];
}
