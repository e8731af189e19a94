/** Placeholder while the archive settings page is built (session 7). */
export function ArchiveSettingsPage() {
  return <p data-testid="archive-settings-page">信贷档案设置</p>;
}
