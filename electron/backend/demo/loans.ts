/** Generated loans: products, amounts, dates, and a realistic share of overdue and bad loans. */
import { addDays, daysBetween } from '../../shared/dates';
import type { RiskClass } from '../../shared/domain';
import { randomPersonName } from './names';
import { weighted, type Random, type Weighted } from './random';

export const DEMO_AS_OF = '2026-11-20';
const FIRST_DISBURSED = '2021-01-01';
const LAST_DISBURSED = '2026-10-31';

/** Share of loans with principal overdue, before the village's own risk factor. */
const OVERDUE_SHARE = 0.09;
/** Of the overdue, the share beyond 90 days (non-performing). */
const LONG_OVERDUE_SHARE = 0.38;
/** Of the overdue, the share that fell behind on an instalment before maturity. */
const INSTALMENT_OVERDUE_SHARE = 0.25;

export interface LoanPlan {
  householdIndex: number;
  loanNo: string;
  contractNo: string;
  product: string;
  guaranteeType: string;
  guarantors: string;
  disbursedOn: string;
  maturityOn: string;
  contractAmountFen: number;
  balanceFen: number;
  annualRatePpm: number;
  principalOverdueDays: number;
  interestOwedFen: number;
  interestOverdueDays: number;
  riskClass: RiskClass;
}

interface Product {
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
const PRODUCTS = {
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

const pickProduct = weighted<Product>([
  [PRODUCTS.farmerCredit, 55],
  [PRODUCTS.business, 12],
  [PRODUCTS.topUp, 10],
  [PRODUCTS.anxin, 8],
  [PRODUCTS.jointGuarantee, 8],
  [PRODUCTS.otherBank, 4],
  [PRODUCTS.startUp, 3],
]);

/** Days overdue → five-tier class, following the 2023 rules (>90 次级, >270 可疑, >360 损失). */
export function riskClassFor(principalOverdueDays: number): RiskClass {
  if (principalOverdueDays <= 0) return '正常';
  if (principalOverdueDays <= 90) return '关注';
  if (principalOverdueDays <= 270) return '次级';
  if (principalOverdueDays <= 360) return '可疑';
  return '损失';
}

/**
 * Loans for each household (`loansPerHousehold[i]` for household i, whose village has overdue
 * risk factor `riskOfHousehold[i]`, 1 = average). Loan and contract numbers follow the
 * disbursement date, as the core system hands them out; the result is in loan-number order.
 */
export function planLoans(rng: Random, loansPerHousehold: readonly number[], riskOfHousehold: readonly number[]): LoanPlan[] {
  const loans: LoanPlan[] = [];
  loansPerHousehold.forEach((count, householdIndex) => {
    for (let n = 0; n < count; n++) loans.push(planLoan(rng, householdIndex, riskOfHousehold[householdIndex]));
  });
  loans.sort((a, b) => (a.disbursedOn < b.disbursedOn ? -1 : a.disbursedOn > b.disbursedOn ? 1 : 0));

  let loanNo = 88_011_000_000;
  let day = '';
  let seqOfDay = 0;
  for (const loan of loans) {
    loan.loanNo = String(loanNo);
    loanNo += rng.int(1, 3);
    seqOfDay = loan.disbursedOn === day ? seqOfDay + 1 : 1;
    day = loan.disbursedOn;
    loan.contractNo = `HT${day.replaceAll('-', '')}${String(seqOfDay).padStart(4, '0')}`;
  }
  return loans;
}

function planLoan(rng: Random, householdIndex: number, risk: number): LoanPlan {
  const p = pickProduct(rng);
  const guaranteeType = p.guarantee(rng);
  const contractAmountFen = contractAmount(rng, p) * 100;
  const annualRatePpm = rng.pick(p.ratesPpm);
  const principalOverdueDays = overdueDays(rng, risk);
  const term = p.term(rng);

  let disbursedOn: string;
  let instalmentOverdue = false;
  const performingFrom = maxDate(FIRST_DISBURSED, addYears(addDays(DEMO_AS_OF, 1), -term));
  if (principalOverdueDays === 0) {
    disbursedOn = dateBetween(rng, performingFrom, LAST_DISBURSED);
  } else {
    const missedBy = addDays(DEMO_AS_OF, -principalOverdueDays - 30);
    instalmentOverdue = rng.chance(INSTALMENT_OVERDUE_SHARE) && performingFrom <= missedBy;
    if (instalmentOverdue) {
      disbursedOn = dateBetween(rng, performingFrom, missedBy);
    } else {
      // Matured `principalOverdueDays` ago (720 at most, so never before FIRST_DISBURSED) and not repaid.
      const maturity = addDays(DEMO_AS_OF, -principalOverdueDays);
      disbursedOn = addYears(addDays(maturity, 1), -term);
    }
  }
  const maturityOn = addDays(addYears(disbursedOn, term), -1);

  const balanceFen = balance(rng, contractAmountFen, disbursedOn, maturityOn, principalOverdueDays > 0);
  let interestOwedFen = 0;
  let interestOverdueDays = 0;
  if (principalOverdueDays > 0 && rng.chance(0.8)) {
    interestOverdueDays = instalmentOverdue ? daysSinceMissedSettlement(principalOverdueDays) : principalOverdueDays;
    // Unpaid interest since the last settlement, plus penalty interest, as a rough figure.
    const days = Math.min(interestOverdueDays + 45, 800);
    interestOwedFen = Math.round(((balanceFen * annualRatePpm) / 1e6) * (days / 360) * (0.6 + 0.4 * rng.float()));
  }

  return {
    householdIndex,
    loanNo: '',
    contractNo: '',
    product: p.name,
    guaranteeType,
    guarantors: guaranteeType === '保证' ? guarantors(rng, p === PRODUCTS.jointGuarantee ? rng.int(2, 3) : rng.chance(0.7) ? 1 : 2) : '',
    disbursedOn,
    maturityOn,
    contractAmountFen,
    balanceFen,
    annualRatePpm,
    principalOverdueDays,
    interestOwedFen,
    interestOverdueDays,
    riskClass: riskClassFor(principalOverdueDays),
  };
}

/** Round amounts mostly; now and then an odd one (36,000). Always 10,000–500,000 元. */
function contractAmount(rng: Random, p: Product): number {
  const amount = p.amount(rng);
  if (!rng.chance(0.1)) return amount;
  return Math.min(500_000, Math.max(10_000, Math.round((amount * (0.6 + 0.6 * rng.float())) / 1000) * 1000));
}

/** 0 for most; short delays are far more common than long ones. */
function overdueDays(rng: Random, risk: number): number {
  if (!rng.chance(OVERDUE_SHARE * risk)) return 0;
  if (rng.chance(LONG_OVERDUE_SHARE)) return 91 + Math.floor(630 * rng.float() ** 1.6);
  return 1 + Math.floor(90 * rng.float() ** 1.7);
}

/** Balance in fen, ≤ contract: bullet loans still owe everything; others have paid part down. */
function balance(rng: Random, contractFen: number, disbursedOn: string, maturityOn: string, overdue: boolean): number {
  if (rng.chance(overdue ? 0.4 : 0.35)) return contractFen;
  const elapsed = Math.min(1, daysBetween(disbursedOn, DEMO_AS_OF) / Math.max(1, daysBetween(disbursedOn, maturityOn)));
  const paidShare = overdue ? 0.6 * rng.float() : elapsed * (0.5 + 0.5 * rng.float());
  return Math.max(10_000, Math.min(contractFen, Math.round(contractFen * (1 - Math.min(0.95, paidShare)))));
}

/** Interest is settled on the 20th of Mar/Jun/Sep/Dec; days since the first one missed after falling behind. */
function daysSinceMissedSettlement(principalOverdueDays: number): number {
  const behindSince = addDays(DEMO_AS_OF, -principalOverdueDays);
  let missed: string | null = null;
  for (let y = Number(behindSince.slice(0, 4)); y <= Number(DEMO_AS_OF.slice(0, 4)) && missed === null; y++) {
    for (const m of ['03', '06', '09', '12']) {
      const settlement = `${y}-${m}-20`;
      if (settlement >= behindSince && settlement < DEMO_AS_OF) {
        missed = settlement;
        break;
      }
    }
  }
  return missed === null ? principalOverdueDays : daysBetween(missed, DEMO_AS_OF);
}

function guarantors(rng: Random, count: number): string {
  const names: string[] = [];
  for (let i = 0; i < count; i++) names.push(randomPersonName(rng, rng.chance(0.75) ? 'M' : 'F', rng.int(1958, 1995)));
  return names.join('、');
}

/** Same month and day `years` later (29 Feb → 28 Feb). */
function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}

function dateBetween(rng: Random, from: string, to: string): string {
  return addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
