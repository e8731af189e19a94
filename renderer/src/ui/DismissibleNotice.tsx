/** A page's one-line outcome (导出了…, an error): a status, or an alert for an error, with 知道了 to close it. */
export type PageNotice = { kind: 'error' | 'success' | 'info'; text: string } | null;

export function DismissibleNotice({ notice, onClose, testId }: { notice: PageNotice; onClose: () => void; testId: string }) {
  if (!notice) return null;
  return (
    <div className={`alert alert-${notice.kind} alert-row`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <span>{notice.text}</span>
      <button type="button" className="btn-link" onClick={onClose}>
        知道了
      </button>
    </div>
  );
}
