/** Placeholder while the page is built (session 7). */
export function IndicatorsPage() {
  return <p data-testid="indicators-page">贷后指标</p>;
}
