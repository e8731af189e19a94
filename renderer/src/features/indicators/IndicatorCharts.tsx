import { useMemo, useState } from 'react';
import { INDICATOR_DEFINITIONS, INDICATOR_KEYS, type IndicatorKey, type IndicatorsByManager, type IndicatorTrend } from '../../../../electron/shared/api/indicators';
import { useRpcQuery } from '../../api/useRpcQuery';
import { EChart, type EChartOption } from '../../ui/EChart';
import { LoadStatus } from '../../ui/LoadStatus';
import { monthLabel, shiftMonth } from '../../ui/MonthPicker';
import { chartValue, formatPercent } from './indicator-format';

/** Months the trend charts go back, the chosen month included. */
export const TREND_MONTHS = 12;

/** A month on the trend's axis: M月, with the year on the first point and each January. */
function axisMonth(month: string, index: number): string {
  const m = Number(month.slice(5, 7));
  return index === 0 || m === 1 ? `${month.slice(2, 4)}年${m}月` : `${m}月`;
}

/** 流失客户 is drawn as households; every other indicator as a percentage. */
const isCount = (key: IndicatorKey) => key === 'lostCustomers';

/** The trend of each indicator over the last 12 months, and the managers side by side for the month. */
export function IndicatorCharts({ month, filters, villageId, onManager }: { month: string; filters: { managerId?: string; villageId?: string }; villageId: string; onManager(managerId: string): void }) {
  const trend = useRpcQuery('indicators.trend', { from: shiftMonth(month, -(TREND_MONTHS - 1)), to: month, ...filters });
  const byManager = useRpcQuery('indicators.byManager', { month, ...(villageId ? { villageId } : {}) });
  return (
    <>
      <section className="panel" aria-labelledby="trend-title">
        <h2 id="trend-title">
          近 {TREND_MONTHS} 个月趋势（{monthLabel(shiftMonth(month, -(TREND_MONTHS - 1)))}—{monthLabel(month)}）
        </h2>
        <LoadStatus state={trend.state} />
        {trend.state.status === 'ready' ? <TrendCharts trend={trend.state.data} /> : null}
      </section>
      <section className="panel" aria-labelledby="managers-title">
        <h2 id="managers-title">{monthLabel(month)}客户经理对比</h2>
        <LoadStatus state={byManager.state} />
        {byManager.state.status === 'ready' ? <ManagerChart data={byManager.state.data} onManager={onManager} /> : null}
      </section>
    </>
  );
}

function TrendCharts({ trend }: { trend: IndicatorTrend }) {
  const options = useMemo(
    () =>
      INDICATOR_KEYS.map((key) => {
        const name = INDICATOR_DEFINITIONS[key].name;
        const values = trend.months.map((m) => (isCount(key) ? m.lostCustomers.count : chartValue(key, m.figures[key])));
        const none = values.every((v) => v === null);
        const option: EChartOption = {
          title: { text: name, left: 0, textStyle: { fontSize: 13 }, ...(none ? { subtext: '这些月份均无法计算（缺少导入数据或无应计项）', subtextStyle: { fontSize: 11 } } : {}) },
          grid: { left: 48, right: 12, top: none ? 56 : 44, bottom: 26 },
          tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined || v === '-' ? '无法计算' : isCount(key) ? `${String(v)} 户` : `${String(v)}%`) },
          xAxis: { type: 'category', data: trend.months.map((m, i) => axisMonth(m.month, i)) },
          yAxis: { type: 'value', axisLabel: { formatter: isCount(key) ? '{value}' : '{value}%' }, minInterval: isCount(key) ? 1 : undefined },
          series: [{ type: 'line', name, data: values, connectNulls: false, symbolSize: 6 }],
        };
        return { key, name, option };
      }),
    [trend],
  );
  return (
    <div className="indicator-trends" data-testid="indicator-trends">
      {options.map((o) => (
        <EChart key={o.key} option={o.option} height={200} label={`${o.name}趋势图`} testId={`trend-${o.key}`} />
      ))}
    </div>
  );
}

function ManagerChart({ data, onManager }: { data: IndicatorsByManager; onManager(managerId: string): void }) {
  const [key, setKey] = useState<IndicatorKey>('inspectionCompletion');
  const rows = data.rows.filter((r) => r.managerId !== null);
  const name = INDICATOR_DEFINITIONS[key].name;
  const option = useMemo<EChartOption>(() => {
    const value = (r: (typeof data.rows)[number]) => (isCount(key) ? r.lostCustomers.count : chartValue(key, r.figures[key]));
    const branch = value(data.branch);
    return {
      grid: { left: 48, right: 16, top: 36, bottom: 40 },
      legend: { data: [name, '全行'], top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: isCount(key) ? '{value}' : '{value}%' } },
      series: [
        { type: 'bar', name, data: rows.map(value), barMaxWidth: 36, label: { show: true, position: 'top', formatter: isCount(key) ? '{c}' : '{c}%' } },
        { type: 'line', name: '全行', data: rows.map(() => branch), symbol: 'none', lineStyle: { type: 'dashed' } },
      ],
    };
  }, [data, rows, key, name]);

  return (
    <>
      <label className="field-inline">
        指标
        <select value={key} onChange={(e) => setKey(e.target.value as IndicatorKey)} data-testid="manager-chart-indicator">
          {INDICATOR_KEYS.map((k) => (
            <option key={k} value={k}>
              {INDICATOR_DEFINITIONS[k].name}
            </option>
          ))}
        </select>
      </label>
      {rows.length === 0 ? (
        <p className="muted">本月没有客户经理的数据。</p>
      ) : (
        <EChart
          option={option}
          height={300}
          label={`${name}客户经理对比图`}
          testId="manager-chart"
          onClick={(e) => {
            const r = rows[e.dataIndex];
            if (r?.managerId) onManager(r.managerId);
          }}
        />
      )}
      <table className="mini-table indicator-manager-table" data-testid="manager-table">
        <thead>
          <tr>
            <th>客户经理</th>
            {INDICATOR_KEYS.map((k) => (
              <th key={k} className="num">
                {INDICATOR_DEFINITIONS[k].name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...rows, data.branch].map((r) => (
            <tr key={r.managerId ?? 'branch'}>
              <td>{r.managerId === null ? '全行' : r.name}</td>
              {INDICATOR_KEYS.map((k) => (
                <td key={k} className="num">
                  {isCount(k) ? `${r.lostCustomers.count} 户` : formatPercent(k, r.figures[k].value)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">点击柱形只看该客户经理的指标。</p>
    </>
  );
}
