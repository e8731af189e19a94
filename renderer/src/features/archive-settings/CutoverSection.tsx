import { useState } from 'react';
import type { ArchiveSettingsView } from '../../../../electron/shared/api/archive-settings';
import { todayLocal } from '../../../../electron/shared/dates';
import { call } from '../../api/client';
import { DateInput } from '../../ui/DateInput';
import { FormError } from '../../ui/Field';
import { useFormSubmit } from '../../ui/useFormSubmit';

interface Props {
  view: ArchiveSettingsView;
  canEdit: boolean;
  onCutover(date: string): void;
}

/**
 * 切换日期: files of loans disbursed before it that are still being collected count as received
 * (the backlog). Asked for twice: the count it will mark first, because it cannot be undone.
 */
export function CutoverSection({ view, canEdit, onCutover }: Props) {
  const [date, setDate] = useState(view.cutoverDate ?? '');
  const [pending, setPending] = useState<{ before: string; files: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, errors, formError, run } = useFormSubmit();
  const today = todayLocal();

  const current = view.cutoverDate ? (
    <p data-testid="as-cutover-current">
      当前切换日期：<strong>{view.cutoverDate}</strong>。此前放款的贷款，导入时档案直接视为已签收（存量档案）。
    </p>
  ) : (
    <p data-testid="as-cutover-current">尚未设置切换日期：所有贷款的档案都按收集、审查、移交的流程办理。</p>
  );
  if (!canEdit) return current;

  const ask = () =>
    void run(async () => {
      setDone(null);
      setPending(await call('archiveSettings.cutoverPreview', { before: date.trim() }));
    });
  const confirm = (before: string) =>
    void run(async () => {
      const result = await call('archiveSettings.setCutover', { before });
      setPending(null);
      onCutover(result.cutoverDate);
      setDone(`切换日期已设为 ${result.cutoverDate}，${result.filesReceived} 份存量档案已标记为已签收。`);
    });

  return (
    <div>
      {current}
      <div className="as-cutover-row">
        <div className="field">
          <label className="field-label" htmlFor="as-cutover-date">
            切换日期
          </label>
          <DateInput
            id="as-cutover-date"
            value={date}
            max={today}
            onChange={(v) => {
              setPending(null);
              setDone(null);
              setDate(v);
            }}
            data-testid="as-cutover-date"
          />
          {errors.before ? (
            <span className="field-error" role="alert">
              {errors.before}
            </span>
          ) : null}
        </div>
        <button type="button" className="btn" disabled={busy || date.trim() === '' || pending !== null} onClick={ask} data-testid="as-cutover-ask">
          设置切换日期…
        </button>
      </div>
      {pending ? (
        <div className="alert alert-warning" role="alertdialog" aria-label="确认切换日期" data-testid="as-cutover-confirm">
          <p style={{ marginTop: 0 }}>
            将把 <strong>{pending.files}</strong> 份 {pending.before} 之前放款、仍在收集中的档案标记为已签收（存量档案），此后导入的此前放款的贷款也直接视为已签收。
          </p>
          <p>这些档案标记后不能撤销。确定设置吗？</p>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => confirm(pending.before)} data-testid="as-cutover-confirm-yes">
              确定设置
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => setPending(null)}>
              取消
            </button>
          </div>
        </div>
      ) : null}
      <FormError message={formError} />
      {done ? (
        <div className="alert alert-success" role="status" data-testid="as-cutover-done">
          {done}
        </div>
      ) : null}
    </div>
  );
}
