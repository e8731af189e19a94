import * as XLSX from '@e965/xlsx';
import { residentIdCheckDigit } from '../../electron/shared/resident-id';

const SURNAMES = '王李张刘陈杨赵黄周吴郭马高梁';
const GIVEN = ['建国', '秀英', '志强', '桂兰', '海', '梅', '来福', '小军', '玉兰', '晓东', '丽', '有才'];
const TOWNSHIPS = ['白文镇', '林家坪镇', '城庄镇', '安业乡', '青凉寺乡', '雷家碛乡', '三交镇', '碛口镇'];
const PRODUCTS = ['农户小额信用贷款', '个人经营贷款', '存量提额贷', '安心贷'];
const CLASSES = ['正常', '正常', '正常', '正常', '关注', '次级', '可疑', '损失'];

/**
 * A core-system loan export of `rows` loans laid out as banks send them (title, meta row,
 * header, data, totals), with valid resident IDs and the mixed date and amount forms of DOMAIN.md.
 * `nextMonth` is the export a month later: a third of the loans repaid some, overdue loans
 * 30 days later, one loan in 50 paid off (gone from the file), and 1 % new loans.
 */
export function coreExportXlsx(rows: number, nextMonth = false): Uint8Array {
  const aoa: unknown[][] = [
    ['某农村商业银行 临县支行 贷款台账'],
    [`机构：临县支行    数据日期：${nextMonth ? '2026-11-30' : '2026-10-31'}    单位：元`],
    ['序号', '机构', '客户编号', '借款人姓名', '身份证号码', '手机号', '住址', '贷款账号', '合同编号', '产品名称', '担保类型', '放款日', '到期日', '合同金额', '余额', '年利率%', '本金逾期天数', '欠息', '风险分类', '客户经理'],
  ];
  const total = nextMonth ? rows + Math.floor(rows / 100) : rows;
  for (let i = 0; i < total; i++) {
    if (nextMonth && i % 50 === 7) continue;
    const repaid = nextMonth && i % 3 === 0 ? 1000 : 0;
    const household = Math.floor(i / 1.3);
    const first17 = `141124${1960 + (household % 40)}${String((household % 12) + 1).padStart(2, '0')}${String((household % 28) + 1).padStart(2, '0')}${String(household % 1000).padStart(3, '0')}`;
    const township = TOWNSHIPS[household % TOWNSHIPS.length];
    const village = `${SURNAMES[household % SURNAMES.length]}家${['沟', '坪', '塔', '湾', '庄'][household % 5]}${Math.floor(household / 40) % 120}村`;
    const klass = CLASSES[i % CLASSES.length];
    const overdue = klass === '正常' ? 0 : (i % 400) + 1 + (nextMonth ? 30 : 0);
    aoa.push([
      i + 1,
      '临县支行',
      `C${String(household).padStart(7, '0')}`,
      SURNAMES[household % SURNAMES.length] + GIVEN[household % GIVEN.length],
      first17 + residentIdCheckDigit(first17),
      `1${3 + (household % 7)}${String(100000000 + household).slice(-9)}`,
      `临县${township}${village}${(household % 9) + 1}组`,
      String(88011000000 + i),
      `HT2025${String(i).padStart(6, '0')}`,
      PRODUCTS[i % PRODUCTS.length],
      i % 3 === 0 ? '保证' : '信用',
      i % 2 === 0 ? '2025/3/20' : 45736,
      i % 2 === 0 ? '20280320' : '2028年3月20日',
      50000,
      i % 5 === 0 ? (repaid ? '11,345.67' : '12,345.67') : 30000 + (i % 1000) / 100 - repaid,
      6.5,
      overdue,
      overdue > 0 ? 123.45 : 0,
      klass,
      `客户经理${(household % 24) + 1}`,
    ]);
  }
  aoa.push(['合计']);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '贷款明细');
  // A shared-strings table, as Excel and core systems write it (inline strings make a 5× larger file).
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }) as Uint8Array;
}
