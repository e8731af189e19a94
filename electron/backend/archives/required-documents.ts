import { GUARANTEE_KINDS, type GuaranteeKind } from '../../shared/archive';
import type { ReadDb } from '../db/read-db';

/**
 * The guarantee types a loan's 担保方式 names: `保证+抵押` is both; 联保 and 担保 are 保证; a loan
 * that names none of them is 信用.
 */
export function guaranteeKinds(text: string): GuaranteeKind[] {
  const kinds = new Set<GuaranteeKind>();
  if (/保证|担保|联保/.test(text)) kinds.add('保证');
  if (text.includes('抵押')) kinds.add('抵押');
  if (text.includes('质押')) kinds.add('质押');
  if (kinds.size === 0) kinds.add('信用');
  return GUARANTEE_KINDS.filter((k) => kinds.has(k));
}

interface Rule {
  docTypeId: string;
  product: string;
  guaranteeType: GuaranteeKind | '';
  required: boolean;
}

/**
 * The document rules, answering which active types a loan's file needs. For each type and each of
 * the loan's guarantee types the most specific rule decides (product and guarantee type, then
 * product, then guarantee type, then any); the file needs the type when any of its guarantee
 * types does.
 */
export class RuleBook {
  private readonly byKey = new Map<string, boolean>();
  private readonly cache = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly activeTypeIds: readonly string[],
    rules: readonly Rule[],
  ) {
    for (const r of rules) this.byKey.set(`${r.docTypeId}\u0000${r.product}\u0000${r.guaranteeType}`, r.required);
  }

  required(product: string, guaranteeType: string): ReadonlySet<string> {
    const cacheKey = `${product}\u0000${guaranteeType}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const kinds = guaranteeKinds(guaranteeType);
    const needed = new Set(this.activeTypeIds.filter((t) => kinds.some((k) => this.decide(t, product.trim(), k))));
    this.cache.set(cacheKey, needed);
    return needed;
  }

  private decide(typeId: string, product: string, kind: GuaranteeKind): boolean {
    for (const [p, g] of [
      [product, kind],
      [product, ''],
      ['', kind],
      ['', ''],
    ] as const) {
      const decided = this.byKey.get(`${typeId}\u0000${p}\u0000${g}`);
      if (decided !== undefined) return decided;
    }
    return false;
  }
}

export async function loadRuleBook(db: ReadDb): Promise<RuleBook> {
  const [types, rules] = await Promise.all([
    db.selectFrom('archive_doc_types').select('id').where('active', '=', 1).orderBy('sort_order').orderBy('name').execute(),
    db.selectFrom('archive_doc_rules').select(['doc_type_id', 'product', 'guarantee_type', 'required']).execute(),
  ]);
  return new RuleBook(
    types.map((t) => t.id),
    rules.map((r) => ({ docTypeId: r.doc_type_id, product: r.product, guaranteeType: r.guarantee_type, required: r.required === 1 })),
  );
}
