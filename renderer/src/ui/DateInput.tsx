import { useId, useRef, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';
import { isBusinessDate, parseBusinessDate, todayLocal } from '../../../electron/shared/dates';
import './date-input.css';

/**
 * What is wrong with a typed date, or null: empty (the caller decides whether the field is
 * required), a date the shared parser reads, within min/max.
 */
export function dateInputMessage(text: string, limits: { min?: string; max?: string } = {}): string | null {
  const t = text.trim();
  if (t === '') return null;
  const date = parseBusinessDate(t);
  if (date === null) return '日期无效，请按 YYYY-MM-DD 填写，如 2026-10-31';
  if (limits.max && date > limits.max) return limits.max === todayLocal() ? '日期不能晚于今天' : `日期不能晚于 ${limits.max}`;
  if (limits.min && date < limits.min) return `日期不能早于 ${limits.min}`;
  return null;
}

type DateInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange' | 'min' | 'max'> & {
  /** The text as typed; YYYY-MM-DD once it is a date. */
  value: string;
  onChange(value: string): void;
  min?: string;
  max?: string;
  /** false when the page shows the message itself (see dateInputMessage). */
  showMessage?: boolean;
};

/**
 * A business date, typed and shown as YYYY-MM-DD whatever the browser's locale (a native
 * <input type="date"> shows mm/dd/yyyy in an English browser). 2026/10/31, 20261031 and
 * 2026年10月31日 become 2026-10-31 when the field is left. The calendar button opens the
 * browser's picker on a hidden native input; what it picks is written back as YYYY-MM-DD.
 */
export function DateInput({ value, onChange, min, max, showMessage = true, onBlur, onKeyDown, className, disabled, ...input }: DateInputProps) {
  const [left, setLeft] = useState(false);
  const native = useRef<HTMLInputElement>(null);
  const msgId = useId();
  const message = dateInputMessage(value, { min, max });
  // Not while the first digits are typed: after leaving the field, or once a whole date is there.
  const shown = message !== null && (left || value.trim().length >= 10);

  function normalize() {
    const date = parseBusinessDate(value.trim());
    if (date !== null && date !== value) onChange(date);
  }

  function openPicker() {
    const el = native.current;
    if (!el) return;
    try {
      el.showPicker();
    } catch {
      el.focus();
      el.click();
    }
  }

  return (
    <span className={['date-input', className].filter(Boolean).join(' ')}>
      <span className="date-input-row">
        <input
          {...input}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="YYYY-MM-DD"
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          onBlur={(e) => {
            setLeft(true);
            normalize();
            onBlur?.(e);
          }}
          onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
            if (e.key === 'Enter') normalize();
            onKeyDown?.(e);
          }}
          aria-invalid={shown || input['aria-invalid'] || undefined}
          aria-describedby={[input['aria-describedby'], shown && showMessage ? msgId : null].filter(Boolean).join(' ') || undefined}
        />
        <button type="button" className="date-input-button" onClick={openPicker} disabled={disabled} tabIndex={-1} title="从日历中选择" aria-label="从日历中选择日期">
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <rect x="1.5" y="2.5" width="13" height="12" rx="1.5" fill="none" stroke="currentColor" />
            <path d="M1.5 6h13M5 1v3M11 1v3" stroke="currentColor" fill="none" />
          </svg>
        </button>
        <input
          ref={native}
          type="date"
          className="date-input-native"
          tabIndex={-1}
          aria-hidden="true"
          value={isBusinessDate(value) ? value : ''}
          min={min}
          max={max}
          onChange={(e) => {
            if (e.target.value) onChange(e.target.value);
          }}
        />
      </span>
      {shown && showMessage ? (
        <span className="field-error date-input-message" id={msgId} role="alert">
          {message}
        </span>
      ) : null}
    </span>
  );
}
