/** A village register with realistic data, shared by the print tests. Deterministic. */
import type { RiskClass } from '../../../electron/shared/domain';
import { maskResidentId, residentIdCheckDigit } from '../../../electron/shared/resident-id';
import type { RegisterHousehold, RegisterLoan, VillageRegisterData } from '../../../electron/backend/register/village-register-data';

export const NAMES = [
  '王建国', '李秀英', '张志强', '刘桂兰', '高拴柱', '郭海军', '薛玉梅', '任福生', '武春生', '贾丽娟',
  '白晓东', '冯保平', '郝翠萍', '霍金宝', '闫卫东', '韩改花', '曹永红', '崔润梅', '乔文明', '田爱莲',
  '孙建军', '胡桂芳', '牛二虎', '宋春梅', '秦国平', '樊海燕', '康志忠', '温秀珍', '段凤英', '雷宝全',
  '苏玉兰', '贺喜来', '杜满仓', '侯俊峰', '成丽霞', '史锁柱', '石晓燕', '卫鹏飞', '耿桂英', '呼延平',
  '车旺生', '穆金花', '师德荣', '申亚妮', '庞世兴', '马东海', '杨婷婷', '赵鑫', '陈丽', '黄凯',
  '周文祥', '吴巧云', '梁有成', '薛慧敏', '王亮', '李二虎', '张翠兰', '刘俊杰', '高改莲', '郭春旺',
];
const PHONE_PREFIX = ['138', '139', '135', '137', '150', '152', '158', '183', '187', '199'];
const WHEREABOUTS = ['太原市小店区务工', '吕梁市离石区', '陕西省榆林市神木市务工', '北京市朝阳区', '临县临泉镇县城租房', '', '', ''];
const PRODUCTS: [string, string][] = [
  ['农户小额信用贷款', '信用'],
  ['个人经营贷款', '抵押'],
  ['存量提额贷', '保证'],
  ['安心贷', '质押'],
  ['农户联保贷款', '保证'],
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function residentId(i: number): string {
  const year = 1958 + (i * 7) % 40;
  const month = String(1 + (i % 12)).padStart(2, '0');
  const day = String(1 + ((i * 5) % 28)).padStart(2, '0');
  const first17 = `141124${year}${month}${day}${String(100 + i).slice(-3)}`;
  return first17 + residentIdCheckDigit(first17);
}

function riskFor(days: number): RiskClass {
  if (days <= 0) return '正常';
  if (days <= 90) return '关注';
  if (days <= 270) return '次级';
  if (days <= 360) return '可疑';
  return '损失';
}

/** 60 households in 刘家会村, 80 loans (every third household has two). IDs unmasked unless `mask`. */
export function registerFixture(opts: { mask?: boolean; households?: number } = {}): VillageRegisterData {
  const r = rng(20251120);
  const n = opts.households ?? 60;
  let loanNo = 88_011_000_123;
  const households: RegisterHousehold[] = [];
  for (let i = 0; i < n; i++) {
    const name = NAMES[i % NAMES.length];
    const phone = () => PHONE_PREFIX[Math.floor(r() * PHONE_PREFIX.length)] + String(Math.floor(r() * 1e8)).padStart(8, '0');
    const loans: RegisterLoan[] = [];
    const count = i % 3 === 0 ? 2 : 1;
    for (let j = 0; j < count; j++) {
      const [product, guaranteeType] = PRODUCTS[Math.floor(r() * PRODUCTS.length)];
      const amount = [10_000, 30_000, 50_000, 80_000, 100_000, 200_000][Math.floor(r() * 6)] * 100;
      const days = r() < 0.2 ? Math.floor(r() * 500) + 1 : 0;
      const y = 2023 + Math.floor(r() * 3);
      const m = String(1 + Math.floor(r() * 12)).padStart(2, '0');
      const dd = String(1 + Math.floor(r() * 28)).padStart(2, '0');
      loanNo += 1 + Math.floor(r() * 3);
      loans.push({
        loanNo: String(loanNo),
        product,
        guaranteeType,
        disbursedOn: `${y}-${m}-${dd}`,
        maturityOn: `${y + 2}-${m}-${dd}`,
        contractAmountFen: amount,
        balanceFen: Math.round(amount * (0.3 + r() * 0.7)) + (days > 0 ? 55 : 0),
        principalOverdueDays: days,
        interestOwedFen: days > 0 ? Math.round(amount * 0.012) : 0,
        riskClass: riskFor(days),
      });
    }
    const id = residentId(i);
    households.push({
      name,
      residentId: opts.mask ? maskResidentId(id) : id,
      phones: i % 4 === 0 ? [phone(), phone()] : [phone()],
      address: `临县白文镇刘家会村${1 + (i % 5)}组`,
      whereabouts: WHEREABOUTS[i % WHEREABOUTS.length],
      contactName: i % 2 === 0 ? NAMES[(i + 17) % NAMES.length] : '',
      contactPhone: i % 2 === 0 ? phone() : '',
      notes: i % 7 === 0 ? '常年在外务工，春节回村' : '',
      managerName: i < 30 ? '薛晓峰' : '任丽娟',
      loans,
    });
  }
  const all = households.flatMap((h) => h.loans);
  const overdue = all.filter((l) => l.principalOverdueDays > 0);
  return {
    branchName: '临县农商银行白文支行',
    township: '白文镇',
    village: '刘家会村',
    asOf: '2025-11-20',
    generatedAt: '2025-11-25 14:03',
    viewNote: null,
    idsMasked: Boolean(opts.mask),
    households,
    totals: {
      households: households.length,
      loans: all.length,
      balanceFen: all.reduce((a, l) => a + l.balanceFen, 0),
      contractAmountFen: all.reduce((a, l) => a + (l.contractAmountFen ?? 0), 0),
      interestOwedFen: all.reduce((a, l) => a + (l.interestOwedFen ?? 0), 0),
      overdueLoans: overdue.length,
      overdueBalanceFen: overdue.reduce((a, l) => a + l.balanceFen, 0),
    },
  };
}

/**
 * The fixture with the cells that make rows tall: long whereabouts, three phones, long product
 * names, and one household with more loans than a page holds. Totals recomputed.
 */
export function crowdedRegisterFixture(): VillageRegisterData {
  const data = registerFixture({ mask: true });
  data.households.forEach((h, i) => {
    if (i % 3 === 0) h.whereabouts = '陕西省榆林市神木市大柳塔镇活鸡兔村煤矿宿舍区务工'.repeat(1 + (i % 4));
    if (i % 4 === 1) h.phones = ['13812345678', '13912345678', '15012345678'];
    if (i % 5 === 2) for (const l of h.loans) l.product = '农户小额信用贷款（个人经营类）';
    if (i % 7 === 3) h.contactName = '欧阳春花（儿媳）';
  });
  const big = data.households[7];
  big.loans = Array.from({ length: 40 }, (_, k) => ({ ...big.loans[0], loanNo: String(99_000_000_000 + k) }));
  const all = data.households.flatMap((h) => h.loans);
  const overdue = all.filter((l) => l.principalOverdueDays > 0);
  data.totals = {
    households: data.households.length,
    loans: all.length,
    balanceFen: all.reduce((a, l) => a + l.balanceFen, 0),
    contractAmountFen: all.reduce((a, l) => a + (l.contractAmountFen ?? 0), 0),
    interestOwedFen: all.reduce((a, l) => a + (l.interestOwedFen ?? 0), 0),
    overdueLoans: overdue.length,
    overdueBalanceFen: overdue.reduce((a, l) => a + l.balanceFen, 0),
  };
  return data;
}
