import type { ArchiveRuleView } from '../../../../electron/shared/api/archive-settings';
import type { GuaranteeKind } from '../../../../electron/shared/archive';

/** The matrix columns: every guarantee type (''), then each. */
export const RULE_COLUMNS: ReadonlyArray<{ guarantee: GuaranteeKind | ''; label: string }> = [
  { guarantee: '', label: '全部' },
  { guarantee: '信用', label: '信用' },
  { guarantee: '保证', label: '保证' },
  { guarantee: '抵押', label: '抵押' },
  { guarantee: '质押', label: '质押' },
];

export type CellState = boolean | null;

/** A click moves a cell on: no rule → 必需 → 不需要 → no rule. */
export function nextState(current: CellState): CellState {
  if (current === null) return true;
  return current ? false : null;
}

export const stateLabel = (state: boolean) => (state ? '必需' : '不需要');

export class RuleIndex {
  private readonly byKey = new Map<string, boolean>();

  constructor(rules: readonly ArchiveRuleView[]) {
    for (const r of rules) this.byKey.set(key(r.docTypeId, r.product, r.guaranteeType), r.required);
  }

  /** The rule set on this very cell, or null. */
  own(typeId: string, product: string, guarantee: GuaranteeKind | ''): CellState {
    return this.byKey.get(key(typeId, product, guarantee)) ?? null;
  }

  /**
   * What decides when the cell has no rule of its own: the less specific rules, as the backend
   * reads them (product, then guarantee type, then any); not required when none says.
   */
  inherited(typeId: string, product: string, guarantee: GuaranteeKind | ''): boolean {
    const fallbacks: Array<[string, GuaranteeKind | '']> = [];
    if (product !== '' && guarantee !== '') fallbacks.push([product, '']);
    if (guarantee !== '') fallbacks.push(['', guarantee]);
    if (product !== '' || guarantee !== '') fallbacks.push(['', '']);
    for (const [p, g] of fallbacks) {
      const decided = this.byKey.get(key(typeId, p, g));
      if (decided !== undefined) return decided;
    }
    return false;
  }
}

const key = (typeId: string, product: string, guarantee: string) => `${typeId}\u0000${product}\u0000${guarantee}`;
