import { useState, type FormEvent } from 'react';
import type { LoadTable } from '../../../../electron/shared/api/assignment';
import { formatWanYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { formatCount } from '../../format';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { FormError, SelectField, TextField } from '../../ui/Field';

/** 离岗移交: a departing manager's whole book to one manager, or split evenly among several. */
export function TakeoverForm({ load, onDone }: { load: LoadTable; onDone: () => void }) {
  const [fromId, setFromId] = useState('');
  const [toIds, setToIds] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const { busy, errors, setErrors, formError, setFormError, run } = useFormSubmit();
  const [done, setDone] = useState<string | null>(null);

  const holders = load.rows.filter((r) => r.managerId !== null && r.loans > 0);
  const from = holders.find((r) => r.managerId === fromId);
  const candidates = load.assignable.filter((m) => m.id !== fromId);

  function toggle(id: string) {
    setToIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    setDone(null);
    if (!from) return setErrors({ fromManagerId: '请选择移交贷款的客户经理' });
    const to = toIds.filter((id) => id !== fromId);
    if (to.length === 0) return setErrors({ toManagerIds: '请至少选择一名接手的客户经理' });
    await run(async () => {
      const outcome = await call('assignment.takeover', { fromManagerId: fromId, toManagerIds: to, reason });
      const parts = outcome.to.map((t) => `${t.name} ${formatCount(t.households)} 户 ${formatCount(t.loans)} 笔 ${formatWanYuan(t.balanceFen)} 万元`);
      setDone(`${from.name}的 ${formatCount(outcome.moved)} 笔贷款已移交：${parts.join('；')}。`);
      setFromId('');
      setToIds([]);
      setReason('');
      onDone();
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="离岗移交">
      <div className="form-row">
        <SelectField
          label="移交人"
          name="fromManagerId"
          value={fromId}
          onChange={(e) => setFromId(e.target.value)}
          options={[
            { value: '', label: '请选择' },
            ...holders.map((r) => ({ value: r.managerId!, label: `${r.name}（${formatCount(r.households)} 户，${formatCount(r.loans)} 笔）` })),
          ]}
          error={errors.fromManagerId}
        />
        <TextField label="原因（可不填）" name="takeoverReason" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} maxLength={400} />
      </div>
      <fieldset className="fieldset" aria-describedby="takeover-hint">
        <legend>接手人</legend>
        <div className="check-list">
          {candidates.map((m) => (
            <label key={m.id} className="check">
              <input type="checkbox" checked={toIds.includes(m.id)} onChange={() => toggle(m.id)} /> {m.name}
            </label>
          ))}
        </div>
        {errors.toManagerIds ? (
          <span className="field-error" role="alert">
            {errors.toManagerIds}
          </span>
        ) : (
          <span className="field-hint" id="takeover-hint">
            选一人则全部由其接手；选多人则按户数、余额和逾期余额均衡分给他们，同一户的贷款不拆开，尽量整村接手。
          </span>
        )}
      </fieldset>
      <FormError message={formError} />
      {done ? (
        <div className="alert alert-success" role="status" data-testid="takeover-done">
          {done}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="takeover-submit">
          {busy ? '正在移交…' : from ? `移交${from.name}的全部 ${formatCount(from.loans)} 笔贷款` : '移交'}
        </button>
      </div>
    </form>
  );
}
