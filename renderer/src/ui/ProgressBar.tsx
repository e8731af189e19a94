/** A bar filled to `percent`, or moving without one while the total is not known yet. */
export function ProgressBar({ percent, label }: { percent: number | null; label: string }) {
  return (
    <div
      className={percent === null ? 'progress progress-indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
    >
      <div className="progress-bar" style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}

/** `done` of `total` as a whole percent (at most 100), or null before the total is known. */
export function percentOf(progress: { done: number; total: number } | null): number | null {
  return progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
}
