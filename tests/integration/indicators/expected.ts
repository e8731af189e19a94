import { AS_OF_DATES, LOANS, SPOT_CHECKS, TASKS, INSPECTIONS, type FixtureLoan, type State } from './indicators-fixture';

// The figures counted by hand from the fixture's own rows: plain arithmetic over what the files
// say, date by date, written apart from the code under test.

export interface Expected {
  numerator: number;
  denominator: number;
  value: number | null;
}

const fen = (yuan: number) => yuan * 100;
const r = (numerator: number, denominator: number): Expected => ({ numerator, denominator, value: denominator === 0 ? null : numerator / denominator });
const managerOf = (l: FixtureLoan, st: State) => st.manager ?? l.manager;
const monthLast = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

export function expectedFor(month: string, dates: readonly string[] = AS_OF_DATES, manager?: string) {
  const first = `${month}-01`;
  const last = monthLast(month);
  const inMonth = dates.filter((d) => d >= first && d <= last);
  const asOf = inMonth.length > 0 ? inMonth[inMonth.length - 1] : null;
  const yearFirst = `${month.slice(0, 4)}-01-01`;
  const start = dates.filter((d) => d < yearFirst).pop() ?? dates.find((d) => d >= yearFirst);
  const mine = (l: FixtureLoan, st: State) => manager === undefined || managerOf(l, st) === manager;
  const present = (d: string) => LOANS.filter((l) => l.states[d] !== undefined);

  const share = (d: string | null | undefined, counts: (st: State) => boolean) => {
    if (!d) return r(0, 0);
    let num = 0;
    let den = 0;
    for (const l of present(d)) {
      const st = l.states[d];
      if (!mine(l, st)) continue;
      den += fen(st.balance);
      if (counts(st)) num += fen(st.balance);
    }
    return r(num, den);
  };
  const overdueUnder90Share = share(asOf, (st) => (st.risk === '正常' || st.risk === '关注') && st.overdue >= 1 && st.overdue <= 89);
  const npl = (st: State) => ['次级', '可疑', '损失'].includes(st.risk);
  const nplRatio = share(asOf, npl);
  const nplStart = share(start, npl);

  // 到期本金收回率: per loan maturing in the month, its own last row before maturity (正常) and the first import on/after.
  let repaid = 0;
  let principal = 0;
  let pending = 0;
  for (const l of LOANS) {
    if (l.maturityOn < first || l.maturityOn > last) continue;
    const before = dates.filter((d) => d < l.maturityOn && l.states[d] !== undefined).pop();
    if (!before) continue;
    const b = l.states[before];
    if (b.risk !== '正常' || !mine(l, b)) continue;
    const after = dates.find((d) => d >= l.maturityOn);
    if (!after) {
      pending++;
      continue;
    }
    principal += fen(b.balance);
    const a = l.states[after];
    repaid += a === undefined ? fen(b.balance) : Math.max(0, fen(b.balance) - fen(a.balance));
  }
  const maturedPrincipalRecovery = r(repaid, principal);

  // 结息率: the loans of the import of the 20th (or the last before), cleared when absent from the later file or owing nothing.
  const day20 = dates.filter((d) => d <= `${month}-20`).pop();
  const settlement = (on: string) => {
    if (!day20 || !dates.includes(on)) return r(0, 0);
    let due = 0;
    let cleared = 0;
    for (const l of present(day20)) {
      const st = l.states[day20];
      if (st.balance <= 0 || !mine(l, st)) continue;
      due++;
      const later = l.states[on];
      if (later === undefined || later.interest === 0) cleared++;
    }
    return r(cleared, due);
  };
  const quarterEnd = ['03', '06', '09', '12'].includes(month.slice(5, 7));
  const interestSettlement21 = quarterEnd ? settlement(`${month}-21`) : r(0, 0);
  const interestSettlementMonthEnd = settlement(last);

  // 流失客户: households with a loan in the start file, none in the month's last file, no loan disbursed since the start.
  const households = new Map<string, { balance: number; biggest: { manager: string; balance: number; loanNo: string } }>();
  for (const l of start ? present(start) : []) {
    const st = l.states[start!];
    const h = households.get(l.customerNo);
    const candidate = { manager: managerOf(l, st), balance: st.balance, loanNo: l.loanNo };
    if (!h) households.set(l.customerNo, { balance: st.balance, biggest: candidate });
    else {
      h.balance += st.balance;
      if (st.balance > h.biggest.balance || (st.balance === h.biggest.balance && l.loanNo < h.biggest.loanNo)) h.biggest = candidate;
    }
  }
  const lost: string[] = [];
  let lostBalance = 0;
  let startHouseholds = 0;
  if (asOf && start) {
    for (const [customerNo, h] of households) {
      if (manager !== undefined && h.biggest.manager !== manager) continue;
      startHouseholds++;
      const theirs = LOANS.filter((l) => l.customerNo === customerNo);
      const activeNow = theirs.some((l) => l.states[asOf] !== undefined);
      const newLoan = theirs.some((l) => l.disbursedOn > start && l.disbursedOn <= asOf);
      if (!activeNow && !newLoan) {
        lost.push(customerNo);
        lostBalance += fen(h.balance);
      }
    }
  }

  // 贷后完成率 and 抽查达标率 from the rows written (the manager: the loan's, none reassigned in March).
  const loanManager = (loanNo: string) => LOANS.find((l) => l.loanNo === loanNo)!.manager;
  const tasks = TASKS.filter((t) => t.status !== 'cancelled' && t.dueOn >= first && t.dueOn <= last && (manager === undefined || loanManager(t.loanNo) === manager));
  const onTime = tasks.filter((t) => {
    const i = INSPECTIONS.find((x) => x.key === t.inspection);
    return i !== undefined && i.on <= t.dueOn;
  });
  const checks = SPOT_CHECKS.filter((c) => c.month === month && (manager === undefined || INSPECTIONS.find((i) => i.key === c.inspection)!.by === manager));
  const checked = checks.filter((c) => c.verdict !== 'pending');

  return {
    asOf,
    yearStart: start ?? null,
    inspectionCompletion: r(onTime.length, tasks.length),
    maturedPrincipalRecovery,
    maturedPending: pending,
    interestSettlement21,
    interestSettlementMonthEnd,
    overdueUnder90Share,
    nplRatio,
    nplStart,
    spotCheckPass: r(checked.filter((c) => c.verdict === 'confirmed').length, checked.length),
    lostCustomers: { count: lost.length, balanceFen: lostBalance },
    lostHouseholds: lost.sort(),
    startHouseholds,
  };
}
