/** Generated loans: products, amounts, dates, and a realistic share of overdue and bad loans. */
import { addDays, daysBetween } from '../../shared/dates';
import type { RiskClass } from '../../shared/domain';
import { randomPersonName } from './names';
import { PRODUCTS, pickProduct, type Product } from './products';
import type { Random } from './random';

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

  // Clear of the sample core export's loan numbers (88011000000…), so that importing the sample
  // into a demo database adds its loans instead of taking over demo ones.
  let loanNo = 88_015_000_000;
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
