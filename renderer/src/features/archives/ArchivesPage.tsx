/** Placeholder while the archive page is built (session 7). */
export function ArchivesPage() {
  return <p data-testid="archives-page">信贷档案</p>;
}
