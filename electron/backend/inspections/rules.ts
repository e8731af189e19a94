import type { InspectionRuleView, RuleGuaranteeType } from '../../shared/api/inspections';
import { guaranteeKinds } from '../archives/required-documents';
import type { WriteContext } from '../changelog/write-context';
import type { ReadDb } from '../db/read-db';
import type { Row } from '../db/schema';

export interface LoanRule {
  firstDays: number;
  routineMonths: number;
}

/** What applies when no rule matches at all (the migration's default rule for any loan, should it be missing). */
const FALLBACK: LoanRule = { firstDays: 30, routineMonths: 6 };

const key = (product: string, guaranteeType: string) => `${product}\u0000${guaranteeType}`;

/**
 * The inspection rules, answering when a loan is inspected. For each of the loan's guarantee types
 * (its 担保方式 read as archives read it: `保证+抵押` is both) the most specific rule decides —
 * product and guarantee type, then product, then guarantee type, then any; a loan of several types
 * follows the strictest: the smallest first_days and the smallest routine_months among them.
 */
export class InspectionRules {
  private readonly byKey = new Map<string, LoanRule>();
  private readonly cache = new Map<string, LoanRule>();

  constructor(rules: ReadonlyArray<{ product: string; guaranteeType: string } & LoanRule>) {
    for (const r of rules) this.byKey.set(key(r.product, r.guaranteeType), { firstDays: r.firstDays, routineMonths: r.routineMonths });
  }

  forLoan(product: string, guaranteeType: string): LoanRule {
    const cacheKey = key(product, guaranteeType);
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const decided = guaranteeKinds(guaranteeType).map((kind) => this.decide(product.trim(), kind));
    const rule = { firstDays: Math.min(...decided.map((r) => r.firstDays)), routineMonths: Math.min(...decided.map((r) => r.routineMonths)) };
    this.cache.set(cacheKey, rule);
    return rule;
  }

  private decide(product: string, kind: string): LoanRule {
    for (const [p, g] of [
      [product, kind],
      [product, ''],
      ['', kind],
      ['', ''],
    ]) {
      const rule = this.byKey.get(key(p, g));
      if (rule) return rule;
    }
    return FALLBACK;
  }
}

export async function loadInspectionRules(db: ReadDb): Promise<InspectionRules> {
  const rows = await db.selectFrom('inspection_rules').select(['product', 'guarantee_type', 'first_days', 'routine_months']).execute();
  return new InspectionRules(rows.map((r) => ({ product: r.product, guaranteeType: r.guarantee_type, firstDays: r.first_days, routineMonths: r.routine_months })));
}

function view(r: Row<'inspection_rules'>): InspectionRuleView {
  return { id: r.id, product: r.product, guaranteeType: r.guarantee_type, firstDays: r.first_days, routineMonths: r.routine_months, updatedAt: r.updated_at };
}

/** Every rule, most general first: any loan, then by guarantee type, then by product. */
export async function listRules(db: ReadDb): Promise<InspectionRuleView[]> {
  const rows = await db.selectFrom('inspection_rules').selectAll().execute();
  const weight = (r: Row<'inspection_rules'>) => (r.product === '' ? 0 : 2) + (r.guarantee_type === '' ? 0 : 1);
  return rows
    .sort((a, b) => weight(a) - weight(b) || a.product.localeCompare(b.product, 'zh-CN') || a.guarantee_type.localeCompare(b.guarantee_type, 'zh-CN'))
    .map(view);
}

/** Adds the rule of a product and guarantee type, or changes it. Open tasks keep their due dates: the rule applies to what is scheduled from now on. */
export async function saveRule(
  w: WriteContext,
  input: { product: string; guaranteeType: RuleGuaranteeType; firstDays: number; routineMonths: number },
): Promise<InspectionRuleView> {
  const product = input.product.trim();
  const values = { first_days: input.firstDays, routine_months: input.routineMonths };
  const before = await w.trx
    .selectFrom('inspection_rules')
    .selectAll()
    .where('product', '=', product)
    .where('guarantee_type', '=', input.guaranteeType)
    .executeTakeFirst();
  if (before) return view((await w.update('inspection_rules', before, values)) ?? before);
  return view(await w.insert('inspection_rules', { product, guarantee_type: input.guaranteeType, ...values }));
}
