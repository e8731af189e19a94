import { noticeNumber, scanCode } from '../../../electron/backend/notices/numbering';
import type { NoticeFigures, NoticeKind } from '../../../electron/shared/notices';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['建国', '秀英', '大山', '春花', '志强', '红梅', '永福', '桂兰', '海平', '小军', '玉珍', '德明', '金凤', '长青', '三娃', '翠萍'];

/** The i-th made-up notice of a kind: each with its own number, name, ID and amounts (zeros inside, round ones, cents). */
export function noticeFigures(kind: NoticeKind, i: number, over: Partial<NoticeFigures> = {}): NoticeFigures {
  const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`;
  const balanceFen = [1_234_567, 5_000_000, 800_005, 3_000_050, 10_000_000, 2_060_700][i % 6] + i * 100;
  const guarantor = kind === 'guarantor';
  return {
    kind,
    noticeNo: noticeNumber('白文支行', kind, 2026, i + 1),
    scanCode: scanCode(kind, 2026, i + 1),
    addressee: guarantor ? `保证人${name}` : name,
    addresseeRole: guarantor ? 'guarantor' : 'borrower',
    borrowerName: name,
    maskedId: `141124********${String(1000 + i * 37).slice(-4)}`,
    loanNo: `88011020230${String(i).padStart(5, '0')}`,
    contractNo: `白文农商借字2023第${String(i + 100).padStart(4, '0')}号`,
    disbursedOn: '2023-03-20',
    maturityOn: '2025-03-20',
    contractAmountFen: 5_000_000,
    balanceFen,
    overduePrincipalFen: kind === 'confirmation' ? 0 : balanceFen,
    interestOwedFen: 12_345 + i,
    principalOverdueDays: 120 + i,
    asOf: '2026-11-30',
    issuedOn: '2026-12-02',
    managerName: '王经理',
    managerPhone: '13800001234',
    village: '刘家会村',
    address: '临县白文镇刘家会村2组',
    guarantors: '李四、赵五',
    ...over,
  };
}
