/**
 * Amount in Chinese capitals (中文大写金额) as written on bank vouchers, following the PBOC rules
 * for filling in bills (《正确填写票据和结算凭证的基本规定》). Choices where those rules allow two forms:
 * - 拾 always carries its digit: 10 → 壹拾元整, 1010 → 壹仟零壹拾元整 (the cheque convention,
 *   so nothing can be written in front of a bare 拾).
 * - A run of zeros inside the integer part is one 零: 6007 → 陆仟零柒元; 100010000 → 壹亿零壹万元整.
 *   Zeros at the end of a 万/亿 group before a group starting with 仟 get no 零
 *   (107000.53 → 壹拾万柒仟元伍角叁分), nor does a zero 元 digit before 角
 *   (1680.32 → 壹仟陆佰捌拾元叁角贰分); both forms are allowed by the rules.
 * - 整 only after 元 (12000 → 壹万贰仟元整); none after 角 or 分 (10.50 → 壹拾元伍角).
 * - A zero 角 before a non-zero 分 is written 零 (100.05 → 壹佰元零伍分), except below 1 元 (0.05 → 伍分).
 * - No 人民币 prefix; negative amounts get 负.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['仟', '佰', '拾', ''];
const GROUP_UNITS = ['', '万', '亿', '万'];

/** Throws RangeError unless `fen` is a safe integer. */
export function fenToChineseCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen)) {
    throw new RangeError(`fenToChineseCapitals: not an integer amount of fen: ${fen}`);
  }
  if (fen === 0) return '零元整';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const jiao = Math.floor(abs / 10) % 10;
  const fenDigit = abs % 10;

  let out = yuan > 0 ? integerCapitals(yuan) + '元' : '';
  if (jiao === 0 && fenDigit === 0) out += '整';
  else {
    if (jiao > 0) out += DIGITS[jiao] + '角';
    else if (yuan > 0) out += '零';
    if (fenDigit > 0) out += DIGITS[fenDigit] + '分';
  }
  return (fen < 0 ? '负' : '') + out;
}

function integerCapitals(n: number): string {
  const digits = String(n);
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 4) {
    groups.unshift(digits.slice(Math.max(0, end - 4), end).padStart(4, '0'));
  }
  let out = '';
  let zeroPending = false;
  groups.forEach((group, gi) => {
    if (group === '0000') {
      zeroPending = out !== '';
      return;
    }
    // 零 between groups: a skipped all-zero group, or this group starts with zeros.
    if (out !== '' && (zeroPending || group[0] === '0')) out += '零';
    zeroPending = false;
    let innerZero = false;
    let started = false;
    for (let i = 0; i < 4; i++) {
      const d = Number(group[i]);
      if (d === 0) {
        innerZero = started;
        continue;
      }
      if (innerZero) out += '零';
      out += DIGITS[d] + SMALL_UNITS[i];
      innerZero = false;
      started = true;
    }
    const pos = groups.length - 1 - gi;
    out += GROUP_UNITS[pos];
    // 万亿 group: 亿 is written once, after the 亿 group, unless that group is empty.
    if (pos === 3 && groups[gi + 1] === '0000') out += '亿';
  });
  return out;
}
