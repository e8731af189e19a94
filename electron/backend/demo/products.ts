/** The loan products a rural branch sells, with their usual guarantees, amounts, terms and rates. */
import { weighted, type Random, type Weighted } from './random';

export interface Product {
  name: string;
  guarantee: (rng: Random) => string;
  /** Contract amount in 元. */
  amount: (rng: Random) => number;
  /** Term in years. */
  term: (rng: Random) => number;
  ratesPpm: readonly number[];
}

function product(name: string, guarantee: Weighted<string>, amount: Weighted<number>, term: Weighted<number>, ratesPpm: number[]): Product {
  return { name, guarantee: weighted(guarantee), amount: weighted(amount), term: weighted(term), ratesPpm };
}

const SHORT_TERMS: Weighted<number> = [[1, 50], [2, 30], [3, 20]];
export const PRODUCTS = {
  farmerCredit: product(
    '农户小额信用贷款',
    [['信用', 88], ['保证', 12]],
    [[10_000, 4], [20_000, 12], [30_000, 18], [50_000, 26], [80_000, 8], [100_000, 10], [150_000, 2], [200_000, 1]],
    [[1, 40], [2, 30], [3, 30]],
    [52_000, 56_000, 60_000, 65_000, 72_000],
  ),
  business: product(
    '个人经营贷款',
    [['抵押', 45], ['保证', 40], ['质押', 15]],
    [[50_000, 10], [100_000, 20], [150_000, 12], [200_000, 12], [300_000, 8], [500_000, 4]],
    SHORT_TERMS,
    [48_000, 52_000, 56_000, 65_000, 78_000],
  ),
  topUp: product(
    '存量提额贷',
    [['信用', 70], ['保证', 30]],
    [[30_000, 10], [50_000, 15], [80_000, 10], [100_000, 10], [150_000, 4], [200_000, 2]],
    [[1, 30], [2, 30], [3, 40]],
    [52_000, 56_000, 65_000, 72_000],
  ),
  anxin: product(
    '安心贷',
    [['信用', 50], ['保证', 30], ['质押', 20]],
    [[20_000, 8], [50_000, 12], [100_000, 8], [200_000, 4], [300_000, 2]],
    SHORT_TERMS,
    [56_000, 65_000, 72_000, 78_000],
  ),
  jointGuarantee: product(
    '农户联保贷款',
    [['保证', 1]],
    [[30_000, 10], [50_000, 12], [100_000, 6], [200_000, 2]],
    [[1, 40], [2, 40], [3, 20]],
    [60_000, 65_000, 72_000, 84_000],
  ),
  otherBank: product(
    '他行引流贷',
    [['信用', 60], ['抵押', 40]],
    [[50_000, 8], [100_000, 8], [200_000, 4], [300_000, 2], [500_000, 1]],
    SHORT_TERMS,
    [43_500, 48_000, 52_000],
  ),
  startUp: product(
    '创业担保贷款',
    [['保证', 1]],
    [[100_000, 6], [200_000, 3], [300_000, 1]],
    [[2, 30], [3, 70]],
    [38_500, 43_500],
  ),
};

export const pickProduct = weighted<Product>([
  [PRODUCTS.farmerCredit, 55],
  [PRODUCTS.business, 12],
  [PRODUCTS.topUp, 10],
  [PRODUCTS.anxin, 8],
  [PRODUCTS.jointGuarantee, 8],
  [PRODUCTS.otherBank, 4],
  [PRODUCTS.startUp, 3],
]);
