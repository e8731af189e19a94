/** What a panel shows while its data loads, or when loading failed; nothing once it is ready. */
export function LoadStatus({ state }: { state: { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready' } }) {
  if (state.status === 'loading') return <div className="muted">正在加载…</div>;
  if (state.status === 'error') {
    return (
      <div className="alert alert-error" role="alert">
        {state.message}
      </div>
    );
  }
  return null;
}
