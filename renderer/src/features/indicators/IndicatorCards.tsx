import { INDICATOR_DATES_NOTE, type Indicator, type IndicatorKey, type IndicatorMonth } from '../../../../electron/shared/api/indicators';
import { formatYuan } from '../../../../electron/shared/money';
import { formatCount } from '../../format';
import { formatParts, formatPercent, formatPoints, missingSentences } from './indicator-format';

/** A card per indicator: its name, the figure with numerator and denominator, its definition beside it; a click drills to the loans. */
export function IndicatorCards({ data, drilled, onDrill }: { data: IndicatorMonth; drilled: IndicatorKey | null; onDrill(key: IndicatorKey): void }) {
  const missing = missingSentences(data);
  return (
    <>
      {missing.length > 0 ? (
        <div className="alert alert-warning" role="status" data-testid="indicator-missing">
          {missing.map((m) => (
            <div key={m}>{m}。</div>
          ))}
        </div>
      ) : null}
      <p className="muted indicator-dates" data-testid="indicator-dates">
        数据日期 {data.dates.asOf ?? '（本月尚无导入）'}；年初 {data.dates.yearStart ?? '—'}；20日 {data.dates.day20 ?? '—'}；21日 {data.dates.day21 ?? '—'}；月末 {data.dates.monthLastDay ?? '—'}。
        {INDICATOR_DATES_NOTE}
      </p>
      <div className="indicator-cards" data-testid="indicator-cards">
        {data.indicators.map((i) => (
          <IndicatorCard key={i.key} indicator={i} data={data} active={drilled === i.key} onDrill={() => onDrill(i.key)} />
        ))}
      </div>
    </>
  );
}

function IndicatorCard({ indicator: i, data, active, onDrill }: { indicator: Indicator; data: IndicatorMonth; active: boolean; onDrill(): void }) {
  return (
    <section className={active ? 'indicator-card indicator-card-active' : 'indicator-card'} data-testid={`indicator-${i.key}`} aria-label={i.name}>
      <button type="button" className="indicator-figure" onClick={onDrill} title="查看明细（贷款清单）" data-testid={`indicator-drill-${i.key}`}>
        <span className="indicator-name">{i.name}</span>
        <span className="indicator-value" data-testid={`indicator-value-${i.key}`}>
          {i.key === 'lostCustomers' ? `${formatCount(data.lostCustomers.count)} 户` : formatPercent(i.key, i.figure.value)}
        </span>
        <span className="indicator-parts" data-testid={`indicator-parts-${i.key}`}>
          {i.key === 'lostCustomers'
            ? `年初余额 ${formatYuan(data.lostCustomers.balanceFen)} 元；占年初有贷户 ${formatPercent(i.key, i.figure.value)}（${formatParts(i.figure, i.unit)}）`
            : formatParts(i.figure, i.unit)}
        </span>
        {i.sinceYearStart ? (
          <span className="indicator-parts" data-testid={`indicator-change-${i.key}`}>
            年初 {formatPercent(i.key, i.sinceYearStart.figure.value)}，较年初 {formatPoints(i.key, i.sinceYearStart.change)}
          </span>
        ) : null}
        {i.note ? <span className="indicator-note">{i.note}</span> : null}
      </button>
      <p className="indicator-definition">{i.definition}</p>
    </section>
  );
}
