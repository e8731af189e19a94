import { KINDS_WITH_RECEIPT, type Letterhead, type NoticeFigures, type NoticeKind } from '../../shared/notices';
import { noticeNumber, scanCode } from '../notices/numbering';

/**
 * Figures of a made-up loan, for the template editor's live preview: realistic enough that the
 * admin sees how long lines and amounts in capitals fall on the paper.
 */
export function sampleFigures(letterhead: Letterhead, kind: NoticeKind, today: string): NoticeFigures {
  const year = Number(today.slice(0, 4));
  const guarantor = kind === 'guarantor';
  return {
    kind,
    noticeNo: noticeNumber(letterhead.branchName, kind, year, 1),
    scanCode: scanCode(kind, year, 1),
    addressee: guarantor ? '李建国' : '张大山',
    addresseeRole: guarantor ? 'guarantor' : 'borrower',
    borrowerName: '张大山',
    maskedId: '141124********2318',
    loanNo: '141124010120230815001',
    contractNo: '晋临农商借字2023第0815号',
    disbursedOn: `${year - 3}-08-15`,
    maturityOn: kind === 'reminder' ? today : `${year - 1}-08-15`,
    contractAmountFen: 5_000_000,
    balanceFen: 3_850_050,
    overduePrincipalFen: KINDS_WITH_RECEIPT.includes(kind) && kind !== 'confirmation' ? 3_850_050 : 0,
    interestOwedFen: 126_837,
    principalOverdueDays: kind === 'reminder' ? 0 : 109,
    asOf: today,
    issuedOn: today,
    managerName: '王志强',
    managerPhone: '13834567890',
    village: '刘家会村',
    address: '临县白文镇刘家会村3组',
    guarantors: '李建国、王秀英',
  };
}
