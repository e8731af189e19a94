import { describe, expect, it } from 'vitest';
import { guaranteeKinds, RuleBook } from '../../../electron/backend/archives/required-documents';
import type { GuaranteeKind } from '../../../electron/shared/archive';

// The default catalogue and rules as the migration seeds them; types are named by their names here.
const COMMON = ['借款申请书', '借款人及配偶身份证复印件', '户口簿复印件', '婚姻状况证明', '贷前调查报告', '授信审批表', '借款合同', '借据', '放款凭证', '首次贷后检查报告'];
const BY_GUARANTEE: Array<[string, GuaranteeKind]> = [
  ['保证合同', '保证'],
  ['保证人身份证复印件', '保证'],
  ['抵押合同', '抵押'],
  ['他项权证/抵押登记证明', '抵押'],
  ['质押合同', '质押'],
];
const TYPES = [...COMMON, ...BY_GUARANTEE.map(([name]) => name)];
const DEFAULT_RULES = [
  ...COMMON.map((docTypeId) => ({ docTypeId, product: '', guaranteeType: '' as const, required: true })),
  ...BY_GUARANTEE.map(([docTypeId, guaranteeType]) => ({ docTypeId, product: '', guaranteeType, required: true })),
];

const sorted = (set: ReadonlySet<string>) => [...set].sort();
const defaults = new RuleBook(TYPES, DEFAULT_RULES);

describe('guarantee types named by 担保方式', () => {
  it.each([
    ['信用', ['信用']],
    ['', ['信用']],
    ['保证', ['保证']],
    ['联保', ['保证']],
    ['担保', ['保证']],
    ['保证+抵押', ['保证', '抵押']],
    ['抵押+质押', ['抵押', '质押']],
  ])('%j is %j', (text, kinds) => expect(guaranteeKinds(text)).toEqual(kinds));
});

describe('the default rules', () => {
  it.each([
    ['信用', []],
    ['保证', ['保证合同', '保证人身份证复印件']],
    ['抵押', ['抵押合同', '他项权证/抵押登记证明']],
    ['质押', ['质押合同']],
    ['保证+抵押', ['保证合同', '保证人身份证复印件', '抵押合同', '他项权证/抵押登记证明']],
  ])('a %s loan needs the common documents and %j', (guarantee, extra) => {
    expect(sorted(defaults.required('农户小额信用贷款', guarantee))).toEqual([...COMMON, ...extra].sort());
  });

  it('联保 is read as 保证', () => {
    expect(sorted(defaults.required('农户联保贷款', '联保'))).toEqual(sorted(defaults.required('农户联保贷款', '保证')));
    expect(defaults.required('农户联保贷款', '联保').has('保证合同')).toBe(true);
  });
});

describe('more specific rules', () => {
  it('a product rule overrides the guarantee type’s rule, for that product only', () => {
    // 安心贷's mortgages are registered by head office: no 他项权证 in the branch's file.
    const book = new RuleBook(TYPES, [...DEFAULT_RULES, { docTypeId: '他项权证/抵押登记证明', product: '安心贷', guaranteeType: '', required: false }]);
    expect(book.required('安心贷', '抵押').has('他项权证/抵押登记证明')).toBe(false);
    expect(book.required('安心贷', '抵押').has('抵押合同')).toBe(true);
    expect(book.required('个人经营贷款', '抵押').has('他项权证/抵押登记证明')).toBe(true);
  });

  it('a product and guarantee rule beats a product rule, and can require what no default does', () => {
    const book = new RuleBook(TYPES, [
      ...DEFAULT_RULES,
      { docTypeId: '婚姻状况证明', product: '个人经营贷款', guaranteeType: '', required: false },
      { docTypeId: '婚姻状况证明', product: '个人经营贷款', guaranteeType: '抵押', required: true },
      { docTypeId: '保证合同', product: '个人经营贷款', guaranteeType: '信用', required: true },
    ]);
    expect(book.required('个人经营贷款', '保证').has('婚姻状况证明')).toBe(false);
    expect(book.required('个人经营贷款', '抵押').has('婚姻状况证明')).toBe(true);
    // Either guarantee type needing it is enough.
    expect(book.required('个人经营贷款', '保证+抵押').has('婚姻状况证明')).toBe(true);
    expect(book.required('个人经营贷款', '信用').has('保证合同')).toBe(true);
    expect(defaults.required('个人经营贷款', '信用').has('保证合同')).toBe(false);
  });

  it('a type with no rule at all is not required', () => {
    const book = new RuleBook([...TYPES, '收入证明'], DEFAULT_RULES);
    expect(book.required('安心贷', '保证+抵押').has('收入证明')).toBe(false);
  });

  it('an inactive type is never required, whatever its rules say', () => {
    const active = TYPES.filter((t) => t !== '借款申请书' && t !== '保证合同');
    const book = new RuleBook(active, [...DEFAULT_RULES, { docTypeId: '保证合同', product: '安心贷', guaranteeType: '保证', required: true }]);
    expect(book.required('安心贷', '保证').has('保证合同')).toBe(false);
    expect(book.required('安心贷', '信用').has('借款申请书')).toBe(false);
    expect(sorted(book.required('安心贷', '保证'))).toEqual([...COMMON.filter((t) => t !== '借款申请书'), '保证人身份证复印件'].sort());
  });
});
