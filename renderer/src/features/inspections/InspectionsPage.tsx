/** Placeholder while the page is built (session 7). */
export function InspectionsPage() {
  return <p data-testid="inspections-page">贷后检查与抽查</p>;
}
