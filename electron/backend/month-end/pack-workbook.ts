import { ARCHIVES_DEFINITION, NOTICES_DEFINITION, OVERDUE_MOVEMENT_DEFINITION, type MonthEndPack, type OverdueMovementRow } from '../../shared/api/month-end';
import type { FileDownload } from '../../shared/api/register';
import { BOARD_DEFINITIONS } from '../../shared/api/targets';
import { boardDateNote } from '../targets/board-html';
import { tableWorkbook, XLSX_MIME, type Cell, type TableSheet } from '../targets/table-workbook';
import { packTitle } from './pack-html';

/** Money ratios' parts in yuan (money cells), counts as integers. */
function indicatorSheet(p: MonthEndPack): TableSheet {
  const m = p.indicators;
  return {
    sheetName: '主要指标',
    title: `${p.branchName} ${packTitle(p.month)} 主要指标`.trim(),
    note: `数据日期：${m?.asOf ?? '本月尚无导入数据'}`,
    columns: [
      { label: '指标', width: 30, kind: 'text' },
      { label: '本月', width: 10, kind: 'percent' },
      { label: '分子', width: 16, kind: 'int' },
      { label: '分母', width: 16, kind: 'int' },
      { label: '单位', width: 6, kind: 'text' },
      { label: '说明', width: 40, kind: 'text' },
    ],
    rows: (m?.indicators ?? []).map((i): Cell[] => {
      const money = i.unit === 'fen';
      return [i.name, i.figure.value, money ? i.figure.numerator / 100 : i.figure.numerator, money ? i.figure.denominator / 100 : i.figure.denominator, money ? '元' : '笔/户', i.note ?? ''];
    }),
    footRows: m ? [['流失客户（户）', null, m.lostCustomers.count, null, '户', `年初余额 ${(m.lostCustomers.balanceFen / 100).toFixed(2)} 元`]] : [],
    notes: ['', '说明：', ...(m?.indicators ?? []).map((i) => `${i.name}：${i.definition}`), ...(m && m.missingSnapshots.length > 0 ? [`缺少导入数据：${m.missingSnapshots.join('、')}`] : [])],
  };
}

function byManagerSheet(p: MonthEndPack): TableSheet | null {
  const b = p.indicatorsByManager;
  if (!b) return null;
  const row = (r: (typeof b.rows)[number], name = r.name): Cell[] => [name, ...b.definitions.map((d) => r.figures[d.key].value), r.lostCustomers.count];
  return {
    sheetName: '客户经理指标',
    title: `${packTitle(p.month)} 客户经理指标对比`,
    note: `数据日期：${b.asOf ?? '—'}`,
    columns: [{ label: '客户经理', width: 12, kind: 'text' }, ...b.definitions.map((d) => ({ label: d.name, width: 14, kind: 'percent' as const })), { label: '流失户数', width: 10, kind: 'int' }],
    rows: b.rows.map((r) => row(r)),
    footRows: [row(b.branch, '全支行')],
  };
}

function rankingSheet(p: MonthEndPack): TableSheet {
  const b = p.ranking;
  return {
    sheetName: '业绩排名',
    title: `${packTitle(p.month)} 客户经理业绩排名`,
    note: boardDateNote(b),
    columns: [
      { label: '名次', width: 6, kind: 'int' },
      { label: '客户经理', width: 12, kind: 'text' },
      { label: '收回逾期本金(元)', width: 16, kind: 'money' },
      { label: '完成率', width: 9, kind: 'percent' },
      { label: '清收逾期贷款笔数', width: 14, kind: 'int' },
      { label: '完成率', width: 9, kind: 'percent' },
      { label: '联系次数', width: 10, kind: 'int' },
      { label: '完成率', width: 9, kind: 'percent' },
      { label: '综合得分', width: 10, kind: 'percent' },
    ],
    rows: b.rows.map((r) => [r.rank, r.name + (r.active ? '' : '（停用）'), r.results.recoveredPrincipalFen, r.rates.recoveredPrincipal, r.results.clearedLoans, r.rates.clearedLoans, r.results.contacts, r.rates.contacts, r.score]),
    footRows: [[null, '合计', b.totals.recoveredPrincipalFen, null, b.totals.clearedLoans, null, b.totals.contacts, null, null]],
    notes: ['', '说明：', ...BOARD_DEFINITIONS],
  };
}

const movementRow = (r: OverdueMovementRow): Cell[] => [
  r.name,
  r.start.loans,
  r.start.balanceFen,
  r.newlyOverdue.loans,
  r.newlyOverdue.balanceFen,
  r.cleared.loans,
  r.cleared.balanceFen,
  r.end.loans,
  r.end.balanceFen,
];

function movementSheet(p: MonthEndPack): TableSheet {
  const m = p.overdue;
  const pair = (label: string) => [
    { label: `${label}笔数`, width: 10, kind: 'int' as const },
    { label: `${label}余额(元)`, width: 16, kind: 'money' as const },
  ];
  return {
    sheetName: '逾期变动',
    title: `${packTitle(p.month)} 逾期贷款变动`,
    note: `月初数据 ${m.startAsOf ?? '—'}，月末数据 ${m.endAsOf ?? '—'}`,
    columns: [{ label: '客户经理', width: 12, kind: 'text' }, ...pair('月初逾期'), ...pair('新增逾期'), ...pair('清收'), ...pair('月末逾期')],
    rows: m.rows.map(movementRow),
    footRows: [movementRow(m.total)],
    notes: ['', OVERDUE_MOVEMENT_DEFINITION],
  };
}

function noticeSheet(p: MonthEndPack): TableSheet {
  const n = p.notices;
  return {
    sheetName: '通知书',
    title: `${packTitle(p.month)} 通知书发出与回执`,
    note: '',
    columns: [
      { label: '通知书 / 客户经理', width: 26, kind: 'text' },
      { label: '本月发出', width: 10, kind: 'int' },
      { label: '本月回执', width: 10, kind: 'int' },
    ],
    rows: [...n.byKind.map((k): Cell[] => [k.label, k.issued, k.receipts]), ...n.byManager.map((k): Cell[] => [k.name, k.issued, k.receipts])],
    footRows: [['合计', n.total.issued, n.total.receipts]],
    notes: ['', NOTICES_DEFINITION],
  };
}

function archiveSheet(p: MonthEndPack): TableSheet {
  const a = p.archives;
  return {
    sheetName: '逾期档案',
    title: `${packTitle(p.month)} 逾期未归档档案`,
    note: `截至 ${a.asOf}`,
    columns: [
      { label: '客户经理', width: 14, kind: 'text' },
      { label: '逾期档案(份)', width: 14, kind: 'int' },
    ],
    rows: a.byManager.map((m) => [m.name, m.files]),
    footRows: [['合计', a.total]],
    notes: ['', ARCHIVES_DEFINITION],
  };
}

/** The pack's figures as .xlsx, one sheet per section, the same numbers as the PDF. */
export async function packWorkbook(p: MonthEndPack): Promise<FileDownload> {
  const sheets = [indicatorSheet(p), byManagerSheet(p), rankingSheet(p), movementSheet(p), noticeSheet(p), archiveSheet(p)].filter((s): s is TableSheet => s !== null);
  const bytes = await tableWorkbook(...sheets);
  return { fileName: `${packTitle(p.month)}.xlsx`, mimeType: XLSX_MIME, contentBase64: Buffer.from(bytes).toString('base64') };
}
