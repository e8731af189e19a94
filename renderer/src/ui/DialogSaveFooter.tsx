/** The end of a form in a dialog: the backend's refusal (if any), then 取消 and the submit button. */
export function DialogSaveFooter(props: { error: string | null; errorTestId: string; busy: boolean; label: string; saveTestId: string; onCancel: () => void }) {
  return (
    <>
      {props.error ? (
        <div className="alert alert-error" role="alert" data-testid={props.errorTestId}>
          {props.error}
        </div>
      ) : null}
      <div className="handover-actions">
        <button type="button" className="btn" onClick={props.onCancel}>
          取消
        </button>
        <button type="submit" className="btn btn-primary" disabled={props.busy} data-testid={props.saveTestId}>
          {props.busy ? '正在保存…' : props.label}
        </button>
      </div>
    </>
  );
}
