import type { HistoryEntry } from '../../../../electron/shared/api/register';
import { formatYuan } from '../../../../electron/shared/money';

/** Change-log tables and columns in the words the back office uses. */
const TABLE_LABELS: Record<string, string> = {
  borrowers: '借款户',
  borrower_phones: '电话',
  loans: '贷款',
};

const FIELD_LABELS: Record<string, string> = {
  // borrowers
  name: '户名',
  name_initials: '拼音首字母',
  resident_id: '身份证号',
  customer_no: '客户号',
  gender: '性别',
  birth_date: '出生日期',
  address: '住址',
  whereabouts: '现住地址',
  contact_name: '联系人',
  contact_phone: '联系人电话',
  notes: '备注',
  // borrower_phones
  phone: '电话号码',
  note: '电话备注',
  verified_on: '核实日期',
  source: '来源',
  core_value: '核心系统号码',
  // loans
  loan_no: '借据号',
  contract_no: '合同编号',
  product: '产品',
  guarantee_type: '担保方式',
  guarantors: '担保人',
  disbursed_on: '放款日',
  maturity_on: '到期日',
  contract_amount_fen: '合同金额',
  balance_fen: '余额',
  annual_rate_ppm: '年利率',
  principal_overdue_days: '本金逾期天数',
  interest_owed_fen: '欠息',
  interest_overdue_days: '欠息天数',
  risk_class: '五级分类',
  status: '状态',
  settled_on: '结清日期',
};

const ACTION_LABELS: Record<HistoryEntry['action'], string> = { insert: '新增', update: '修改', delete: '删除' };

const VALUE_LABELS: Record<string, Record<string, string>> = {
  status: { active: '在贷', settled: '结清' },
  source: { core: '核心系统', local: '本地录入' },
  gender: { M: '男', F: '女' },
};

export function tableLabel(table: string): string {
  return TABLE_LABELS[table] ?? table;
}

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

export function actionLabel(action: HistoryEntry['action']): string {
  return ACTION_LABELS[action] ?? action;
}

/** A before/after value as text: money in 元, rates in %, blanks as “（空）” (resident IDs come masked from the backend). */
export function historyValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (field.endsWith('_fen') && typeof value === 'number') return `${formatYuan(value)} 元`;
  if (field === 'annual_rate_ppm' && typeof value === 'number') return `${(value / 10_000).toFixed(4).replace(/\.?0+$/, '')}%`;
  const mapped = VALUE_LABELS[field]?.[String(value)];
  if (mapped) return mapped;
  return String(value);
}
