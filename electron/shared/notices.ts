/**
 * Notices on paper: their kinds, the figures a notice prints (stored as printed) and the
 * placeholders an admin may use in a template's wording. Pure: the renderer's template editor
 * and the backend's printing use the same lists.
 */

export const NOTICE_KINDS = ['reminder', 'overdue', 'guarantor', 'confirmation'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const TEMPLATE_KINDS = [...NOTICE_KINDS, 'contact-card'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const NOTICE_KIND_LABELS: Record<TemplateKind, string> = {
  reminder: '到期还款提示书',
  overdue: '逾期贷款催收通知书',
  guarantor: '担保人履行保证责任通知书',
  confirmation: '贷款余额确认书',
  'contact-card': '客户经理联系卡',
};

/** The word in a notice's number: `白文支行催字〔2026〕第0001号`. */
export const NOTICE_NUMBER_WORDS: Record<NoticeKind, string> = {
  reminder: '提',
  overdue: '催',
  guarantor: '保',
  confirmation: '函',
};

/** The letters of a kind in a scan code (a Code 128 barcode carries no Chinese). */
export const SCAN_CODE_LETTERS: Record<NoticeKind, string> = {
  reminder: 'TS',
  overdue: 'CS',
  guarantor: 'DB',
  confirmation: 'QR',
};

/** Kinds whose paper has a tear-off receipt (回执) or a return slip the borrower signs. */
export const KINDS_WITH_RECEIPT: readonly NoticeKind[] = ['overdue', 'guarantor', 'confirmation'];

/**
 * Kinds whose returned receipt restarts the loan's limitation clock: the borrower's. A guarantor's
 * receipt is the bank's demand reaching the guarantor, not the debtor (DOMAIN: "the bank's demand
 * reaching the debtor"), so it leaves the loan's clock where it was.
 */
export const KINDS_INTERRUPTING: readonly NoticeKind[] = ['overdue', 'confirmation'];

export const DELIVERY_LABELS = {
  sent: '已发出',
  delivered: '已送达',
  returned: '回执已收回',
  undeliverable: '无法送达',
} as const;
export type NoticeDelivery = keyof typeof DELIVERY_LABELS;

export const NOTICE_STATUS_LABELS = { printing: '打印中', issued: '已发出', cancelled: '已作废' } as const;

/** Bank and branch as they head every notice (settings). */
export interface Letterhead {
  bankName: string;
  branchName: string;
  address: string;
  phone: string;
}

/** One notice's figures, exactly as printed (stored in notices.figures_json). Amounts in fen. */
export interface NoticeFigures {
  kind: NoticeKind;
  noticeNo: string;
  scanCode: string;
  /** Whom the paper is addressed to: the borrower, or a guarantor. */
  addressee: string;
  addresseeRole: 'borrower' | 'guarantor';
  borrowerName: string;
  /** `141124********1234`; '' when the register has no ID. */
  maskedId: string;
  loanNo: string;
  contractNo: string;
  disbursedOn: string | null;
  maturityOn: string | null;
  contractAmountFen: number | null;
  balanceFen: number;
  /** The balance when principal is overdue (a farmer loan falls due whole), else 0. */
  overduePrincipalFen: number;
  interestOwedFen: number;
  principalOverdueDays: number;
  /** The register's as-of date the figures are from. */
  asOf: string;
  /** The day the notice was issued (printed). */
  issuedOn: string;
  managerName: string;
  managerPhone: string;
  village: string;
  address: string;
  guarantors: string;
}

/** A template's wording: title, body (paragraphs separated by blank lines or line breaks) and receipt. */
export interface TemplateWording {
  paper: 'A4' | 'A5';
  title: string;
  body: string;
  /** The receipt's (回执's) wording; '' for papers without one. */
  receipt: string;
}

/**
 * The placeholders a template may use, `{借款人}` and so on. Amounts come in figures (`{余额}`:
 * 12,345.67元) and in capitals (`{余额大写}`: 壹万贰仟叁佰肆拾伍元陆角柒分).
 */
export const PLACEHOLDERS = [
  '收件人',
  '借款人',
  '身份证号',
  '借据号',
  '合同号',
  '放款日',
  '到期日',
  '合同金额',
  '合同金额大写',
  '余额',
  '余额大写',
  '逾期本金',
  '逾期本金大写',
  '欠息',
  '欠息大写',
  '逾期天数',
  '截至日',
  '客户经理',
  '客户经理电话',
  '担保人',
  '村',
  '住址',
  '通知书编号',
  '出具日',
  '银行',
  '支行',
  '支行地址',
  '支行电话',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
