import { useState, type FormEvent } from 'react';
import type { ArchiveSettingsView } from '../../../../electron/shared/api/archive-settings';
import { call } from '../../api/client';
import { FormError, TextField } from '../../ui/Field';
import { useFormSubmit } from '../../ui/useFormSubmit';

interface Props {
  view: ArchiveSettingsView;
  canEdit: boolean;
  onSaved(view: ArchiveSettingsView): void;
}

/** 移交期限: working days from disbursement; the deadlines of files not yet handed over follow. */
export function DeadlineSection({ view, canEdit, onSaved }: Props) {
  const [days, setDays] = useState(String(view.deadlineDays));
  const [done, setDone] = useState<string | null>(null);
  const { busy, errors, formError, run } = useFormSubmit();

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    void run(async () => {
      const saved = await call('archiveSettings.setDeadlineDays', { days: Number(days) });
      onSaved(saved);
      setDays(String(saved.deadlineDays));
      setDone(`已保存。${saved.filesRescheduled} 份未移交档案的期限已重新计算。`);
    });
  }

  if (!canEdit) {
    return (
      <p data-testid="as-deadline">
        放款后 <strong>{view.deadlineDays}</strong> 个工作日内移交总行档案室（周末和节假日不计，调休上班日计入）。
      </p>
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="移交期限">
      <p className="muted" style={{ marginTop: 0 }}>
        放款后多少个工作日内移交总行档案室。周末和下方登记的节假日不计，调休上班日计入；放款当天不算。
      </p>
      <div className="form-row">
        <TextField
          label="工作日数"
          name="days"
          inputMode="numeric"
          value={days}
          onChange={(e) => {
            setDone(null);
            setDays(e.target.value);
          }}
          error={errors.days}
          data-testid="as-deadline-days"
        />
      </div>
      <FormError message={formError} />
      {done ? (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="as-deadline-save">
          {busy ? '正在保存…' : '保存期限'}
        </button>
      </div>
    </form>
  );
}
