/**
 * One data row of the grid → an accepted loan (with warnings) or a rejection.
 * Rejected: no loan number, no name, a balance / amount / day count that is not a number, a date
 * that is not a real date, a negative balance, a masked resident ID. Imported with a warning: a
 * bad resident ID, an invalid phone (both kept as given), an unknown risk class, an unreadable
 * rate, no village found.
 */
import { parseBusinessDate, todayLocal } from '../../../shared/dates';
import { formatYuan, parseYuanToFen } from '../../../shared/money';
import { maskPersonalData } from '../../../shared/personal-data';
import { checkPhone, splitPhones } from '../../../shared/phone';
import { checkResidentId, maskResidentId, normalizeResidentId, type ResidentIdCheck } from '../../../shared/resident-id';
import { parseVillageFromAddress } from '../../../shared/address';
import { namePinyin, type NamePinyin } from '../../text/name-pinyin';
import { IMPORT_FIELDS, type ColumnMapping, type ImportField, type ParsedLoanRow, type RejectedRow, type RowWarning } from '../parsed-file';
import { cellText, cellValue, compactText, hasControlChars, identifierText, isDash, personName, plainNumber, plainText, withoutControlChars } from './cell-values';
import { INVALID, parseDays, parseRatePpm, parseRiskClass } from './field-values';

export type RowOutcome = { ok: true; loan: ParsedLoanRow; warnings: RowWarning[] } | { ok: false; rejected: RejectedRow };

export type RowParser = (cells: readonly unknown[], row: number) => RowOutcome;

const NO_WARNINGS: RowWarning[] = [];
const HAS_DIGIT = /\d/;

const ID_PROBLEMS: Record<Exclude<ResidentIdCheck, { ok: true }>['reason'], string> = {
  length: '身份证号位数不对',
  chars: '身份证号含有非法字符',
  'birth-date': '身份证号中的出生日期无效',
  'check-digit': '身份证号校验位错误',
};

type Columns = Record<ImportField, number>;

/** Builds the parser for one layout; the returned function is called once per data row. */
/** What a rural branch's single loan can be: amounts above it are a mistake (a setting; 100 million 元 by default). */
export const DEFAULT_MAX_LOAN_FEN = 100_000_000 * 100;

export function createRowParser(mapping: ColumnMapping, maxLoanFen = DEFAULT_MAX_LOAN_FEN): RowParser {
  const reader = new RowReader(mapping, maxLoanFen);
  return (cells, row) => reader.read(cells, row);
}

/** Holds the per-row state, so that reading a row allocates no helper closures. */
class RowReader {
  private readonly c: Columns;
  /** Only warn about a missing village when the file has somewhere a village could come from. */
  private readonly villageKnowable: boolean;
  private cells: readonly unknown[] = [];
  private row = 0;
  private code: string | null = null;
  private reasons: string[] | null = null;
  private warnings: RowWarning[] = NO_WARNINGS;
  /** Pinyin is the costliest per-row step and names repeat within a file (one per loan). */
  private readonly pinyinByName = new Map<string, NamePinyin>();
  /** A birth date after today makes an ID invalid: today read once per file, not per row. */
  private readonly today = todayLocal();

  constructor(
    mapping: ColumnMapping,
    private readonly maxLoanFen: number,
  ) {
    this.c = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, mapping[f] ?? -1])) as Columns;
    this.villageKnowable = this.c.address >= 0 || this.c.village >= 0;
  }

  read(cells: readonly unknown[], row: number): RowOutcome {
    const c = this.c;
    this.cells = cells;
    this.row = row;
    this.code = null;
    this.reasons = null;
    this.warnings = NO_WARNINGS;

    // --- rejections ------------------------------------------------------------------------------
    // Keys must be what they look like: `99\u00000778` is not 99000778, nor a new loan beside it.
    const loanNo = this.key(c.loanNo, '借据号');
    if (loanNo === '') this.reject('missing_loan_number', '缺少借据号');
    const customerNo = this.key(c.customerNo, '客户号');
    const contractNo = this.key(c.contractNo, '合同编号');
    if (hasControlChars(this.at(c.residentId))) this.reject('control_characters', '身份证号含有控制字符');
    const name = personName(this.clean(c.name, 'name', '借款人姓名'));
    if (name === '') this.reject('missing_name', '缺少借款人姓名');

    const balanceCell = this.at(c.balance);
    const balanceFen = parseYuanToFen(cellValue(balanceCell));
    if (balanceFen === null) {
      const text = cellText(balanceCell);
      this.reject('balance_not_number', text === '' ? '缺少余额' : `余额不是数字：${text}`);
    } else if (balanceFen < 0) {
      // A loan cannot owe less than nothing: such a figure is a mistake that would lower every total.
      this.reject('balance_negative', `余额不能为负数：${cellText(balanceCell)}`);
    } else if (balanceFen > this.maxLoanFen) {
      this.reject('amount_too_large', `余额超出单笔上限 ${formatYuan(this.maxLoanFen)} 元：${cellText(balanceCell)}`);
    }
    const disbursedOn = this.date(c.disbursedOn, '放款日');
    const maturityOn = this.date(c.maturityOn, '到期日');
    const contractAmountFen = this.amount(c.contractAmount, '合同金额');
    const interestOwedFen = this.amount(c.interestOwed, '欠息');
    const principalOverdueDays = this.days(c.principalOverdueDays, '本金逾期天数');
    const interestOverdueDays = this.days(c.interestOverdueDays, '欠息天数');
    // A masked ID (141124********8347: a printout, or this program's own export) names nobody:
    // imported, it would make a second borrower of everyone in the file.
    if (normalizeResidentId(cellValue(this.at(c.residentId))).includes('*')) this.reject('masked_resident_id', '身份证号已脱敏（含 *），无法确定借款人');

    if (this.code !== null) return { ok: false, rejected: { row, code: this.code, reason: this.reasons!.join('；') } };

    // --- warnings --------------------------------------------------------------------------------
    const { residentId, residentIdValid } = this.residentId();
    const phones = this.phones();
    const address = plainText(this.clean(c.address, 'address', '住址'));
    const { township, village } = this.place(address);

    const riskCell = this.at(c.riskClass);
    const riskClass = parseRiskClass(riskCell);
    if (riskClass === INVALID) this.warn('riskClass', `无法识别的风险分类：${cellText(riskCell)}`);

    const rateCell = this.at(c.annualRate);
    const annualRatePpm = parseRatePpm(rateCell);
    if (annualRatePpm === INVALID) this.warn('annualRate', `年利率不是有效数字：${cellText(rateCell)}`);

    const manager = personName(this.clean(c.manager, 'manager', '客户经理'));

    return {
      ok: true,
      warnings: this.warnings,
      loan: {
        row,
        customerNo: customerNo === '' ? null : customerNo,
        name,
        ...this.pinyinOf(name),
        residentId,
        residentIdValid,
        phones,
        address,
        township,
        village,
        loanNo,
        contractNo,
        product: plainText(this.clean(c.product, 'product', '产品')),
        guaranteeType: plainText(this.clean(c.guaranteeType, 'guaranteeType', '担保方式')),
        guarantors: plainText(this.clean(c.guarantors, 'guarantors', '担保人')),
        disbursedOn,
        maturityOn,
        contractAmountFen,
        balanceFen: balanceFen!,
        annualRatePpm: annualRatePpm === INVALID ? null : annualRatePpm,
        principalOverdueDays: principalOverdueDays ?? 0,
        interestOwedFen,
        interestOverdueDays,
        riskClass: riskClass === INVALID ? null : riskClass,
        managerName: manager === '' ? null : manager,
      },
    };
  }

  private at(col: number): unknown {
    return col < 0 ? null : this.cells[col];
  }

  // Reasons and warnings quote cells; they are printed and kept with the import, so IDs and phones in them are masked.
  private reject(code: string, reason: string): void {
    this.code ??= code;
    (this.reasons ??= []).push(maskPersonalData(reason));
  }

  private warn(field: ImportField, message: string): void {
    if (this.warnings === NO_WARNINGS) this.warnings = [];
    this.warnings.push({ row: this.row, field, message: maskPersonalData(message) });
  }

  /** An identifier; a control or bidi-override character in it rejects the row. */
  private key(col: number, label: string): string {
    const v = this.at(col);
    if (hasControlChars(v)) this.reject('control_characters', `${label}含有控制字符`);
    return identifierText(v);
  }

  /** A text cell without control and bidi-override characters; removing any is warned about. */
  private clean(col: number, field: ImportField, label: string): unknown {
    const v = this.at(col);
    if (!hasControlChars(v)) return v;
    this.warn(field, `${label}中的控制字符已去除`);
    return withoutControlChars(v);
  }

  /** Empty cells and dashes are null; anything that is not a real date rejects the row. */
  private date(col: number, label: string): string | null {
    const v = this.at(col);
    const value = cellValue(v);
    if (value === '' || (typeof value === 'string' && isDash(value))) return null;
    const parsed = parseBusinessDate(value);
    if (parsed === null) this.reject('invalid_date', `${label}不是有效日期：${cellText(v)}`);
    return parsed;
  }

  private amount(col: number, label: string): number | null {
    const v = this.at(col);
    const value = cellValue(v);
    if (value === '' || (typeof value === 'string' && isDash(value))) return null;
    const fen = parseYuanToFen(value);
    if (fen === null) this.reject('amount_not_number', `${label}不是数字：${cellText(v)}`);
    else if (fen < 0) this.reject('amount_negative', `${label}不能为负数：${cellText(v)}`);
    else if (fen > this.maxLoanFen) this.reject('amount_too_large', `${label}超出单笔上限 ${formatYuan(this.maxLoanFen)} 元：${cellText(v)}`);
    return fen;
  }

  private days(col: number, label: string): number | null {
    const v = this.at(col);
    const parsed = parseDays(v);
    if (parsed !== INVALID) return parsed;
    this.reject('days_not_number', `${label}不是整数：${cellText(v)}`);
    return null;
  }

  private pinyinOf(name: string): { nameInitials: string; namePinyin: string } {
    let reading = this.pinyinByName.get(name);
    if (reading === undefined) {
      reading = namePinyin(name);
      this.pinyinByName.set(name, reading);
    }
    return { nameInitials: reading.initials, namePinyin: reading.sortKey };
  }

  private residentId(): { residentId: string | null; residentIdValid: boolean } {
    const cell = this.at(this.c.residentId);
    // cellValue undoes the apostrophe and ="…" that exports put around long digit strings.
    const id = normalizeResidentId(cellValue(cell));
    if (id === '') {
      // Excel keeps 15 significant digits: an 18-digit ID stored as a number has lost its tail.
      if (typeof cell === 'number' && cell !== 0) this.warn('residentId', `身份证号被存成了数字，末几位已丢失：${plainNumber(cell)}`);
      return { residentId: null, residentIdValid: false };
    }
    const check = checkResidentId(id, this.today);
    // Masked: warnings are shown on screen and kept in the import record (PIPL); the tail shows the check digit.
    if (!check.ok) this.warn('residentId', `${ID_PROBLEMS[check.reason]}：${maskResidentId(id)}`);
    return { residentId: id, residentIdValid: check.ok };
  }

  /**
   * The cell's phones, each once. An invalid number is kept, with a warning, so that staff see
   * it and correct it; text with no digit at all (无, 不详) is no number and only warned about.
   */
  private phones(): string[] {
    const phones: string[] = [];
    for (const phone of splitPhones(cellValue(this.at(this.c.phone)))) {
      if (!checkPhone(phone).ok) {
        this.warn('phone', `电话号码无效：${phone}`);
        if (!HAS_DIGIT.test(phone)) continue;
      }
      if (!phones.includes(phone)) phones.push(phone);
    }
    return phones;
  }

  /** Village and township from their columns, else from the address; both null when no village is found. */
  private place(address: string): { township: string | null; village: string | null } {
    let village = placeName(this.at(this.c.village));
    let township = placeName(this.at(this.c.township));
    // A village column that names the township too (林家坪镇前庄村).
    if (village !== null && township === null) {
      const split = parseVillageFromAddress(village);
      if (split) ({ township, village } = split);
    } else if (village !== null && township !== null && village.startsWith(township) && village.length > township.length) {
      village = village.slice(township.length);
    }
    if (village === null || township === null) {
      const parsed = address === '' ? null : parseVillageFromAddress(address);
      if (parsed && village === null) {
        village = parsed.village;
        township ??= parsed.township;
      } else if (parsed && parsed.village === village) {
        township = parsed.township;
      }
    }
    if (village !== null) return { township, village };
    if (this.villageKnowable) this.warn('address', address === '' ? '缺少住址，无法确定所属村' : `无法从住址中识别所属村：${address}`);
    return { township: null, village: null };
  }
}

/** Township or village name from its own column: half-width, no spaces; null for empty or a dash. */
function placeName(v: unknown): string | null {
  const t = compactText(v);
  return t === '' || isDash(t) ? null : t;
}
