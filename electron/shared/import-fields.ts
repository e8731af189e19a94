/** Fields of a core-system loan export that Branch Ledger understands, with their Chinese labels. */
export const IMPORT_FIELD_LABELS = {
  customerNo: '客户编号',
  name: '借款人姓名',
  residentId: '身份证号',
  phone: '手机号',
  address: '住址',
  township: '乡镇',
  village: '村',
  loanNo: '借据号',
  contractNo: '合同编号',
  product: '产品名称',
  guaranteeType: '担保方式',
  guarantors: '担保人',
  disbursedOn: '放款日',
  maturityOn: '到期日',
  contractAmount: '合同金额',
  balance: '余额',
  annualRate: '年利率%',
  principalOverdueDays: '本金逾期天数',
  interestOwed: '欠息',
  interestOverdueDays: '欠息天数',
  riskClass: '五级分类',
  manager: '客户经理',
} as const;

export type ImportField = keyof typeof IMPORT_FIELD_LABELS;
export const IMPORT_FIELD_NAMES = Object.keys(IMPORT_FIELD_LABELS) as [ImportField, ...ImportField[]];
/** A file must map at least these to be imported. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['loanNo', 'name', 'balance'];
