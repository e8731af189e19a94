import { useState, type FormEvent } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '../../../../electron/shared/domain';
import { call } from '../../api/client';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { FormError, SelectField, TextField } from '../../ui/Field';

const EMPTY = { username: '', displayName: '', password: '', confirm: '', role: 'clerk' as Role };
type FormState = typeof EMPTY;

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** 新增人员账号 (admins only): staff.create. */
export function AddStaffForm({ onCreated }: { onCreated(): void }) {
  const [form, setForm] = useState<FormState>(EMPTY);
  const { busy, errors, setErrors, formError, setFormError, run } = useFormSubmit();
  const [done, setDone] = useState<string | null>(null);

  const set = (key: keyof FormState) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setErrors(({ [key]: _dropped, ...rest }) => rest);
    setDone(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setDone(null);
    if (form.password !== form.confirm) {
      setErrors({ confirm: '两次输入的密码不一致' });
      return;
    }
    await run(async () => {
      const user = await call('staff.create', {
        username: form.username,
        displayName: form.displayName,
        password: form.password,
        role: form.role,
      });
      setForm(EMPTY);
      setErrors({});
      setDone(`已新增账号：${user.displayName}（${ROLE_LABELS[user.role]}），用户名 ${user.username}。`);
      onCreated();
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="新增人员账号">
      <div className="form-row">
        <TextField label="用户名" name="username" autoComplete="off" value={form.username} onChange={set('username')} error={errors.username} />
        <TextField label="姓名" name="displayName" value={form.displayName} onChange={set('displayName')} error={errors.displayName} />
      </div>
      <div className="form-row">
        <TextField label="密码" name="password" type="password" autoComplete="new-password" value={form.password} onChange={set('password')} error={errors.password} hint="至少 8 位" />
        <TextField label="确认密码" name="confirm" type="password" autoComplete="new-password" value={form.confirm} onChange={set('confirm')} error={errors.confirm} />
      </div>
      <div className="form-row">
        <SelectField label="角色" name="role" value={form.role} onChange={set('role')} options={ROLE_OPTIONS} error={errors.role} />
      </div>
      <FormError message={formError} />
      {done ? (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? '正在保存…' : '新增账号'}
        </button>
      </div>
    </form>
  );
}
