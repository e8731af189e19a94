import { useEffect, useRef } from 'react';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use as registerParts, type ComposeOption, type ECElementEvent, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the app draws: lines and bars on a grid. SVG, so the labels are text a printout and a test can read.
registerParts([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, AriaComponent, SVGRenderer]);

export type EChartOption = ComposeOption<LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | TitleComponentOption>;

/** The app's font, so Chinese labels in a chart look as on the rest of the page. */
const TEXT_STYLE = { fontFamily: 'Microsoft YaHei, 微软雅黑, PingFang SC, Noto Sans CJK SC, Noto Sans SC, sans-serif', fontSize: 12 };

/**
 * An Apache ECharts chart: drawn in a box of the given height and the container's width, redrawn
 * when `option` changes (a new object) and resized with its box. `onClick` hears a click on a
 * bar or a point (its category's index and name).
 */
export function EChart({ option, height = 260, testId, label, onClick }: { option: EChartOption; height?: number; testId?: string; label: string; onClick?: (e: { dataIndex: number; name: string; seriesIndex: number }) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'svg', locale: 'ZH' });
    chart.current = instance;
    instance.on('click', (e: ECElementEvent) => click.current?.({ dataIndex: e.dataIndex, name: e.name, seriesIndex: e.seriesIndex ?? 0 }));
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: TEXT_STYLE, aria: { enabled: true }, animation: false, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={box} className="echart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
