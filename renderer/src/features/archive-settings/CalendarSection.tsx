import { useState, type FormEvent } from 'react';
import type { ArchiveSettingsView, CalendarDayView } from '../../../../electron/shared/api/archive-settings';
import { call } from '../../api/client';
import { DateInput } from '../../ui/DateInput';
import { FormError, SelectField, TextField } from '../../ui/Field';
import { useFormSubmit } from '../../ui/useFormSubmit';

interface Props {
  view: ArchiveSettingsView;
  canEdit: boolean;
  onSaved(view: ArchiveSettingsView): void;
}

const KIND_LABELS: Record<CalendarDayView['kind'], string> = { holiday: '节假日', workday: '调休上班' };
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const weekday = (day: string) => `周${WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]}`;

/** 节假日与调休: the days that working-day deadlines skip (holidays) or count (weekend days worked). */
export function CalendarSection({ view, canEdit, onSaved }: Props) {
  const [day, setDay] = useState('');
  const [kind, setKind] = useState<CalendarDayView['kind']>('holiday');
  const [name, setName] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { busy, errors, formError, run } = useFormSubmit();

  const save = (input: { day: string; kind: CalendarDayView['kind'] | null; name?: string }, what: string) =>
    run(async () => {
      setDone(null);
      const saved = await call('archiveSettings.saveCalendarDay', input);
      onSaved(saved);
      setDone(`${what}。${saved.filesRescheduled} 份档案的移交期限随之调整。`);
    });

  function submit(e: FormEvent) {
    e.preventDefault();
    void save({ day, kind, name }, `已登记 ${day} ${KIND_LABELS[kind]}`).then(() => {
      setDay('');
      setName('');
    });
  }

  return (
    <div>
      {view.calendar.length === 0 ? (
        <p className="muted">还没有登记节假日或调休上班日：只有周六、周日不计入工作日。</p>
      ) : (
        <table className="mini-table" data-testid="as-calendar">
          <thead>
            <tr>
              <th>日期</th>
              <th>星期</th>
              <th>类型</th>
              <th>名称</th>
              {canEdit ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {view.calendar.map((d) => (
              <tr key={d.id} data-testid="as-calendar-day">
                <td>{d.day}</td>
                <td>{weekday(d.day)}</td>
                <td>{KIND_LABELS[d.kind]}</td>
                <td>{d.name}</td>
                {canEdit ? (
                  <td>
                    <button type="button" className="btn btn-small" disabled={busy} onClick={() => void save({ day: d.day, kind: null }, `已删除 ${d.day}`)} aria-label={`删除 ${d.day}`}>
                      删除
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {done ? (
        <div className="alert alert-success" role="status" data-testid="as-calendar-done">
          {done}
        </div>
      ) : null}
      {canEdit ? (
        <form className="form as-add" onSubmit={submit} noValidate aria-label="登记节假日或调休上班日">
          <div className="form-row">
            <div className={errors.day ? 'field field-invalid' : 'field'}>
              <label className="field-label" htmlFor="as-calendar-date">
                日期
              </label>
              <DateInput id="as-calendar-date" value={day} onChange={setDay} data-testid="as-calendar-date" />
              {errors.day ? <span className="field-error">{errors.day}</span> : null}
            </div>
            <SelectField
              label="类型"
              name="kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as CalendarDayView['kind'])}
              options={[
                { value: 'holiday', label: '节假日（不上班）' },
                { value: 'workday', label: '调休上班（周末上班）' },
              ]}
              data-testid="as-calendar-kind"
            />
            <TextField label="名称" name="name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} placeholder="如 国庆节" data-testid="as-calendar-name" />
          </div>
          <FormError message={formError} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy || day.trim() === ''} data-testid="as-calendar-add">
              登记
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
