import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { INDICATOR_DEFINITIONS, INDICATOR_KEYS } from '../../../electron/shared/api/indicators';
import { pdfText } from '../../helpers/pdf-text';
import { perTestCopy } from '../../helpers/per-test-copy';
import { boardBranch } from '../targets/targets-fixture';

const t = perTestCopy(boardBranch);

/**
 * The hand count of November 2026's overdue movement from the board's files (baseline 10-31, end 11-30):
 * start T1 10,000 T2 8,000 T3 5,000 (王) and T4 7,000 T7 9,000 (李); end T1 6,000 T8 3,000 (王), T4 7,500 T6 4,000 (李);
 * new T8 (王) and T6 (李); cleared T2 (settled) and T3 (王 on 10-31), T7 (李).
 */
const MOVEMENT = {
  王经理: { start: [3, 23_000], newlyOverdue: [1, 3_000], cleared: [2, 13_000], end: [2, 9_000] },
  李经理: { start: [2, 16_000], newlyOverdue: [1, 4_000], cleared: [1, 9_000], end: [2, 11_500] },
  合计: { start: [5, 39_000], newlyOverdue: [2, 7_000], cleared: [3, 22_000], end: [4, 20_500] },
};

const yuan = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2 });

describe('the month-end pack', () => {
  it('prints the indicators, ranking, overdue movement, notices and archives, and records the print', async () => {
    const out = await t.call('monthEnd.pack', { month: '2026-11', format: 'pdf' });
    expect(out.kind).toBe('file');
    expect(out.file.fileName).toBe('2026年11月月末材料.pdf');
    const text = pdfText(out.file.contentBase64, t.tmp.file('pack.pdf')).replace(/[ \t]+/g, ' ');
    for (const h of ['一、主要指标', '二、客户经理指标对比', '三、客户经理业绩排名', '四、逾期贷款变动', '五、通知书发出与回执', '六、逾期未归档档案']) expect(text).toContain(h);
    for (const k of INDICATOR_KEYS) expect(text).toContain(INDICATOR_DEFINITIONS[k].name.slice(0, 6));
    const indicators = await t.call('indicators.month', { month: '2026-11' });
    const npl = indicators.indicators.find((i: { key: string }) => i.key === 'nplRatio');
    if (npl.figure.value !== null) expect(text).toContain(`${(npl.figure.value * 100).toFixed(1)}%`);
    const total = MOVEMENT.合计;
    expect(text).toMatch(new RegExp(`合计 ${total.start[0]} ${yuan(total.start[1]!)} ${total.newlyOverdue[0]} ${yuan(total.newlyOverdue[1]!)} ${total.cleared[0]} ${yuan(total.cleared[1]!)} ${total.end[0]} ${yuan(total.end[1]!)}`));
    // The ranking's totals (recovered 15,000.00 yuan, 3 cleared) as the board has them.
    expect(text).toContain('15,000.00');
    const printed = await t.app.db.selectFrom('printed_documents').selectAll().where('kind', '=', 'month-end-pack').execute();
    expect(printed).toHaveLength(1);
    expect(JSON.parse(printed[0]!.figures_json).overdue.total.end).toEqual({ loans: 4, balanceFen: 2_050_000 });
  });

  it('exports the same figures as .xlsx', async () => {
    const out = await t.call('monthEnd.pack', { month: '2026-11', format: 'xlsx' });
    const wb = XLSX.read(Buffer.from(out.file.contentBase64, 'base64'));
    expect(wb.SheetNames).toEqual(expect.arrayContaining(['主要指标', '业绩排名', '逾期变动', '通知书', '逾期档案']));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['逾期变动']!, { header: 1 });
    const byName = Object.fromEntries(rows.filter((r) => typeof r[0] === 'string' && r[0] in MOVEMENT).map((r) => [r[0], r.slice(1)]));
    for (const [name, m] of Object.entries(MOVEMENT)) {
      expect(byName[name]).toEqual([m.start[0], m.start[1], m.newlyOverdue[0], m.newlyOverdue[1], m.cleared[0], m.cleared[1], m.end[0], m.end[1]]);
    }
    const ind = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['主要指标']!, { header: 1 });
    const names = ind.map((r) => r[0]);
    for (const k of INDICATOR_KEYS) expect(names).toContain(INDICATOR_DEFINITIONS[k].name);
  });

  it('prints one manager’s month on one A4 page, for any role, recorded', async () => {
    const ids = await t.ids();
    const wang = await t.login('王经理', 'wang');
    const out = await wang('monthEnd.managerReport', { month: '2026-11', managerId: ids.staff('李经理') });
    const text = pdfText(out.file.contentBase64, t.tmp.file('report.pdf'));
    expect(text.split('\f').filter((p) => p.trim() !== '')).toHaveLength(1);
    expect(text).toContain('2026年11月客户经理月度报告（李经理）');
    expect(text).toContain(yuan(11_500));
    expect(text).toContain('风险预警');
    const printed = await t.app.db.selectFrom('printed_documents').selectAll().where('kind', '=', 'manager-month-report').execute();
    expect(printed.map((p) => p.actor_name)).toEqual(['王经理']);
    await expect(t.call('monthEnd.managerReport', { month: '2026-11', managerId: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
