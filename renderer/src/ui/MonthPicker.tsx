import { useState } from 'react';
import './month-picker.css';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** YYYY-MM moved by n months (n may be negative). */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** 2026-03 → 2026年3月. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** A month typed as YYYY-MM (taken on Enter or when the field is left), with ‹ › for the months either side. */
export function MonthPicker({ month, onChange, testId }: { month: string; onChange(month: string): void; testId: string }) {
  const [typed, setTyped] = useState(month);
  const [shown, setShown] = useState(month);
  // A month chosen elsewhere (‹ ›, the page) replaces what was typed.
  if (shown !== month) {
    setShown(month);
    setTyped(month);
  }
  const take = () => (MONTH.test(typed.trim()) ? onChange(typed.trim()) : setTyped(month));
  return (
    <div className="month-picker" role="group" aria-label="月份">
      <button type="button" className="btn btn-small" onClick={() => onChange(shiftMonth(month, -1))} aria-label="上个月">
        ‹
      </button>
      <input
        aria-label="月份（YYYY-MM）"
        data-testid={testId}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') take();
        }}
        onBlur={take}
      />
      <button type="button" className="btn btn-small" onClick={() => onChange(shiftMonth(month, 1))} aria-label="下个月">
        ›
      </button>
    </div>
  );
}
