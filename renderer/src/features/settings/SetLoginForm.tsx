import { useState, type FormEvent } from 'react';
import { ROLE_LABELS } from '../../../../electron/shared/domain';
import { call } from '../../api/client';
import { useSession } from '../../session/session';
import { FormError, SelectField, TextField } from '../../ui/Field';
import { formErrors } from '../../ui/errors';
import type { StaffRow } from './staff-columns';

/** 设置登录 (admins only): a login for staff named in imports (account managers), or a new password. */
export function SetLoginForm({ staff, onSaved }: { staff: StaffRow[]; onSaved(): void }) {
  const { handleSessionError } = useSession();
  const [staffId, setStaffId] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const options = [{ value: '', label: '请选择人员' }, ...staff.map((s) => ({ value: s.id, label: `${s.displayName}（${ROLE_LABELS[s.role]}${s.canLogin ? '' : '，未设密码'}）` }))];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    if (!staffId) return setErrors({ staffId: '请选择人员' });
    if (password !== confirm) return setErrors({ confirm: '两次输入的密码不一致' });
    try {
      const user = await call('staff.setLogin', { staffId, username, password });
      setErrors({});
      setPassword('');
      setConfirm('');
      setMessage({ ok: true, text: `${user.displayName} 现在可以用用户名 ${user.username} 登录。` });
      onSaved();
    } catch (err) {
      if (handleSessionError(err)) return;
      const { fields, message } = formErrors(err);
      setErrors(fields);
      setMessage({ ok: false, text: message });
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="设置登录">
      <div className="form-row">
        <SelectField
          label="人员"
          name="staffId"
          value={staffId}
          options={options}
          error={errors.staffId}
          onChange={(e) => {
            setStaffId(e.target.value);
            setUsername(staff.find((s) => s.id === e.target.value)?.username ?? '');
          }}
        />
        <TextField label="用户名" name="username" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} error={errors.username} />
      </div>
      <div className="form-row">
        <TextField label="新密码" name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} hint="至少 8 位" />
        <TextField label="确认密码" name="confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} error={errors.confirm} />
      </div>
      {message && !message.ok ? <FormError message={message.text} /> : null}
      {message?.ok ? (
        <div className="alert alert-success" role="status">
          {message.text}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          设置登录
        </button>
      </div>
    </form>
  );
}
