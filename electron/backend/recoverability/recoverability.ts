import { sql } from 'kysely';
import type {
  AssessmentEntry,
  CountAndBalance,
  NplList,
  NplRow,
  RecoverabilitySummary,
  RecoverabilitySummaryRow,
  Verdict,
  VerdictOrNone,
} from '../../shared/api/recoverability';
import { todayLocal } from '../../shared/dates';
import { NON_PERFORMING, type RiskClass } from '../../shared/domain';
import type { Caller } from '../auth/caller';
import type { WriteContext } from '../changelog/write-context';
import { assertMayWorkOnLoans, isLimitedToOwnBook } from '../collection/book-access';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';

const PINYIN = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

/** Non-performing (不良): 次级 + 可疑 + 损失, as the load table counts it. Constants only, never input. */
const NPL_SQL = sql.raw(`l.risk_class in (${NON_PERFORMING.map((c) => `'${c}'`).join(', ')})`);

/** Each loan's current assessment: the latest by assessment date, then by when it was recorded. */
const CURRENT_ASSESSMENT = sql`(
  select ra.*, row_number() over (partition by ra.loan_id order by ra.assessed_on desc, ra.created_at desc, ra.id desc) as rn
  from recoverability_assessments ra
)`;

interface NplRecord {
  loan_id: string;
  loan_no: string;
  borrower_id: string;
  borrower: string;
  township: string | null;
  village: string | null;
  risk_class: RiskClass;
  balance_fen: number;
  principal_overdue_days: number;
  manager_id: string | null;
  manager: string | null;
  verdict: Verdict | null;
  reason: string | null;
  assessed_on: string | null;
  assessed_by: string | null;
}

/** Active non-performing loans (handed-over ones too: they stay the branch's NPL) with their current assessment. */
async function nplRecords(db: ReadDb, managerId?: string | null): Promise<NplRecord[]> {
  const managerFilter = managerId === undefined ? sql`` : managerId === null ? sql`and cm.manager_id is null` : sql`and cm.manager_id = ${managerId}`;
  const { rows } = await sql<NplRecord>`
    select l.id as loan_id, l.loan_no, b.id as borrower_id, b.name as borrower, v.township, v.name as village,
           l.risk_class, l.balance_fen, l.principal_overdue_days, cm.manager_id, s.display_name as manager,
           ca.verdict, ca.reason, ca.assessed_on, cs.display_name as assessed_by
    from loans l
    join borrowers b on b.id = l.borrower_id
    left join villages v on v.id = b.village_id
    left join current_loan_managers cm on cm.loan_id = l.id
    left join staff s on s.id = cm.manager_id
    left join ${CURRENT_ASSESSMENT} ca on ca.loan_id = l.id and ca.rn = 1
    left join staff cs on cs.id = ca.staff_id
    where l.status = 'active' and ${NPL_SQL} ${managerFilter}
    order by v.township, v.name, b.name_pinyin, l.loan_no`.execute(db);
  return rows;
}

export async function nplList(db: ReadDb, user: Caller, managerId?: string | null): Promise<NplList> {
  const rows: NplRow[] = (await nplRecords(db, managerId)).map((r) => ({
    loanId: r.loan_id,
    loanNo: r.loan_no,
    borrowerId: r.borrower_id,
    borrower: r.borrower,
    township: r.township,
    village: r.village,
    riskClass: r.risk_class,
    balanceFen: r.balance_fen,
    overdueDays: r.principal_overdue_days,
    managerId: r.manager_id,
    manager: r.manager,
    verdict: r.verdict,
    reason: r.reason,
    assessedOn: r.assessed_on,
    assessedBy: r.assessed_by,
  }));
  return { rows, count: rows.length, balanceFen: rows.reduce((s, r) => s + r.balanceFen, 0), limitedToOwnBook: isLimitedToOwnBook(user) };
}

export async function assessmentHistory(db: ReadDb, loanId: string): Promise<AssessmentEntry[]> {
  const rows = await db
    .selectFrom('recoverability_assessments as ra')
    .innerJoin('staff as s', 's.id', 'ra.staff_id')
    .select(['ra.id', 'ra.loan_id', 'ra.assessed_on', 'ra.verdict', 'ra.reason', 's.display_name', 'ra.created_at'])
    .where('ra.loan_id', '=', loanId)
    .orderBy('ra.assessed_on', 'desc')
    .orderBy('ra.created_at', 'desc')
    .orderBy('ra.id', 'desc')
    .execute();
  return rows.map((r, i) => ({
    id: r.id,
    loanId: r.loan_id,
    assessedOn: r.assessed_on,
    verdict: r.verdict,
    reason: r.reason,
    staffName: r.display_name,
    at: r.created_at,
    current: i === 0,
  }));
}

/**
 * Records the same assessment for each loan, in one transaction. Refused as a whole when a loan is
 * not there, not active or not non-performing, or (an account manager) not in the caller's book.
 */
export async function assess(
  w: WriteContext,
  user: Caller,
  input: { loanIds: string[]; verdict: Verdict; reason: string; assessedOn?: string },
): Promise<{ assessed: number }> {
  const today = todayLocal();
  const assessedOn = input.assessedOn ?? today;
  if (assessedOn > today) throw new AppError('INVALID_INPUT', '评估日期不能晚于今天。', `assessment dated ${assessedOn}, after today`);
  const loans = await w.trx.selectFrom('loans').select(['id', 'loan_no', 'status', 'risk_class']).where('id', 'in', input.loanIds).execute();
  if (loans.length < input.loanIds.length) {
    throw new AppError('NOT_FOUND', '有的贷款已不存在，请刷新后重试。', `assess: ${input.loanIds.length - loans.length} unknown loan(s)`);
  }
  const inactive = loans.find((l) => l.status !== 'active');
  if (inactive) throw new AppError('NOT_NON_PERFORMING', `贷款 ${inactive.loan_no} 已结清，不需评估可回收性。`, `assess: loan ${inactive.id} is ${inactive.status}`);
  const performing = loans.find((l) => l.risk_class === null || !NON_PERFORMING.includes(l.risk_class));
  if (performing) {
    throw new AppError(
      'NOT_NON_PERFORMING',
      `贷款 ${performing.loan_no} 的五级分类为${performing.risk_class ?? '空'}，不是不良贷款（次级、可疑、损失），不能评估可回收性。`,
      `assess: loan ${performing.id} is ${performing.risk_class}`,
    );
  }
  await assertMayWorkOnLoans(w.trx, user, input.loanIds);
  await w.insertMany(
    'recoverability_assessments',
    input.loanIds.map((loanId) => ({ loan_id: loanId, assessed_on: assessedOn, verdict: input.verdict, reason: input.reason, staff_id: user.id })),
  );
  return { assessed: input.loanIds.length };
}

const KEYS: VerdictOrNone[] = ['recoverable', 'with-effort', 'unrecoverable', 'none'];

function emptyRow(managerId: string | null, name: string): RecoverabilitySummaryRow {
  const zero = (): CountAndBalance => ({ loans: 0, balanceFen: 0 });
  return { managerId, name, byVerdict: Object.fromEntries(KEYS.map((k) => [k, zero()])) as Record<VerdictOrNone, CountAndBalance>, total: zero() };
}

/**
 * Per current manager (current_loan_managers), count and balance of active non-performing loans
 * per current verdict and 未评估; 合计 is counted straight from the loans, so that it is the
 * branch's non-performing figures (those of the load table) and the rows add up to it.
 */
export async function recoverabilitySummary(db: ReadDb): Promise<RecoverabilitySummary> {
  const records = await nplRecords(db);
  const byManager = new Map<string | null, RecoverabilitySummaryRow>();
  for (const r of records) {
    let row = byManager.get(r.manager_id);
    if (!row) byManager.set(r.manager_id, (row = emptyRow(r.manager_id, r.manager ?? '未分配')));
    const cell = row.byVerdict[r.verdict ?? 'none'];
    cell.loans++;
    cell.balanceFen += r.balance_fen;
    row.total.loans++;
    row.total.balanceFen += r.balance_fen;
  }
  const direct = await db
    .selectFrom('loans as l')
    .select((eb) => [eb.fn.countAll<number>().as('loans'), eb.fn.sum<number>('l.balance_fen').as('balance')])
    .where('l.status', '=', 'active')
    .where('l.risk_class', 'in', [...NON_PERFORMING])
    .executeTakeFirstOrThrow();
  const totals = emptyRow(null, '合计');
  for (const row of byManager.values()) for (const k of KEYS) {
    totals.byVerdict[k].loans += row.byVerdict[k].loans;
    totals.byVerdict[k].balanceFen += row.byVerdict[k].balanceFen;
  }
  totals.total = { loans: Number(direct.loans), balanceFen: Number(direct.balance ?? 0) };
  const rows = [...byManager.values()].sort((a, b) => (a.managerId === null ? 1 : 0) - (b.managerId === null ? 1 : 0) || PINYIN.compare(a.name, b.name));
  return { rows, totals };
}
