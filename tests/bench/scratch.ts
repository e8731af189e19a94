import { planDemoBranch } from '../../electron/backend/demo/plan';
for (const n of [9000, 200000]) {
  const t = performance.now();
  const p = planDemoBranch(n, 20261125);
  console.log(n, 'plan ms', Math.round(performance.now() - t), p.scale);
  const od = p.loans.filter(l => l.principalOverdueDays > 0).length;
  const npl = p.loans.filter(l => ['次级','可疑','损失'].includes(l.riskClass)).length;
  console.log('overdue', od / p.loans.length, 'npl', npl / p.loans.length);
  const byClass: Record<string, number> = {}; for (const l of p.loans) byClass[l.riskClass] = (byClass[l.riskClass] ?? 0) + 1; console.log(byClass);
  const byProd: Record<string, number> = {}; for (const l of p.loans) byProd[l.product] = (byProd[l.product] ?? 0) + 1; console.log(byProd);
  const amt = p.loans.map(l => l.contractAmountFen/100); console.log('amount 20k-100k share', amt.filter(a => a>=20000&&a<=100000).length/amt.length);
  if (n === 9000) {
    console.log(p.managers, p.villages.slice(0, 12), p.households.slice(0, 3), p.loans.slice(0, 3), p.loans.slice(-2));
    console.log(new Set(p.villages.map(v=>v.township)));
    const sizes: Record<string, number> = {}; for (const h of p.households) sizes[p.villages[h.villageIndex].name] = (sizes[p.villages[h.villageIndex].name] ?? 0) + 1; console.log(Object.values(sizes).sort((a,b)=>a-b).join(' '));
  }
  console.log('dates', p.loans[0].disbursedOn, p.loans.at(-1)!.disbursedOn, 'maturities', p.loans.map(l=>l.maturityOn).sort()[0], p.loans.map(l=>l.maturityOn).sort().at(-1));
}
