import { useState, type FormEvent } from 'react';
import type { RegisterLoanRow } from '../../../../electron/shared/api/register';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { formatCount } from '../../format';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { FormError, SelectField, TextField } from '../../ui/Field';
import '../assignment/assignment.css';

type Scope = 'household' | 'loan';

/**
 * 分配客户经理 from the register (支行长, 管理员): the rows ticked in the grid go to one manager,
 * 按户 (every active loan of the ticked rows' households) or 按笔 (only the ticked loans), as
 * 按村分配 does for villages on the assignment page.
 */
export function RegisterAssignBar({ selected, onAssigned }: { selected: RegisterLoanRow[]; onAssigned(): void }) {
  const load = useRpcQuery('assignment.load', {});
  const managers = load.state.status === 'ready' ? load.state.data.assignable : [];
  const [managerId, setManagerId] = useState('');
  const [scope, setScope] = useState<Scope>('household');
  const [reason, setReason] = useState('');
  const { busy, errors, setErrors, formError, setFormError, run } = useFormSubmit();
  const [done, setDone] = useState<string | null>(null);

  const households = [...new Set(selected.map((r) => r.borrowerId))];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    setDone(null);
    if (selected.length === 0) return setFormError('请先在表格中勾选要分配的贷款。');
    if (!managerId) return setErrors({ managerId: '请选择客户经理' });
    await run(async () => {
      const ids = scope === 'household' ? households : selected.map((r) => r.loanId);
      const outcome = await call('assignment.assign', { managerId, scope, ids, reason });
      const name = managers.find((m) => m.id === managerId)?.name ?? '';
      const what = scope === 'household' ? ` ${formatCount(households.length)} 户的全部在贷贷款` : `所选 ${formatCount(ids.length)} 笔贷款`;
      setDone(`已将${what}分配给${name}：${formatCount(outcome.moved)} 笔换了客户经理，${formatCount(outcome.unchanged)} 笔原已由其管户。`);
      setReason('');
      load.reload();
      onAssigned();
    });
  }

  return (
    <form className="form assign-bar register-assign" onSubmit={submit} noValidate aria-label="分配客户经理">
      <div className="assign-bar-fields">
        <SelectField
          label="分配给"
          name="managerId"
          value={managerId}
          onChange={(e) => setManagerId(e.target.value)}
          options={[{ value: '', label: '请选择客户经理' }, ...managers.map((m) => ({ value: m.id, label: m.name }))]}
          error={errors.managerId}
          data-testid="register-assign-manager"
        />
        <fieldset className="field register-assign-scope">
          <legend className="field-label">范围</legend>
          <label className="check">
            <input type="radio" name="scope" checked={scope === 'household'} onChange={() => setScope('household')} data-testid="register-assign-household" />
            按户（所选行所在户的全部贷款）
          </label>
          <label className="check">
            <input type="radio" name="scope" checked={scope === 'loan'} onChange={() => setScope('loan')} data-testid="register-assign-loan" />
            按笔（仅所选贷款）
          </label>
        </fieldset>
        <TextField label="原因（可不填）" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} maxLength={400} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || selected.length === 0} data-testid="register-assign-submit">
            {busy ? '正在分配…' : '分配客户经理'}
          </button>
        </div>
      </div>
      <span className="field-hint" data-testid="register-assign-selected">
        已选 {formatCount(selected.length)} 笔（{formatCount(households.length)} 户）。在表格左侧勾选贷款；已结清的贷款不参与分配。
      </span>
      <FormError message={formError} />
      {done ? (
        <div className="alert alert-success" role="status" data-testid="register-assign-done">
          {done}
        </div>
      ) : null}
    </form>
  );
}
