import { useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { AuthLayout } from '../auth/AuthLayout';
import { FormError, TextField } from '../../ui/Field';
import { formErrors } from '../../ui/errors';

interface Props {
  /** Called after the branch and the first administrator were created. */
  onDone(adminUsername: string): void;
}

const EMPTY = { branchCode: '', branchName: '', username: '', displayName: '', password: '', confirm: '' };
type FormState = typeof EMPTY;

/** First run (初始设置): the branch and its first administrator account. */
export function SetupPage({ onDone }: Props) {
  const [form, setForm] = useState<FormState>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (key: keyof FormState) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setErrors(({ [errorKey(key)]: _dropped, ...rest }) => rest);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    if (form.password !== form.confirm) {
      setErrors({ confirm: '两次输入的密码不一致' });
      return;
    }
    setBusy(true);
    try {
      await call('setup.init', {
        branchCode: form.branchCode,
        branchName: form.branchName,
        admin: { username: form.username, displayName: form.displayName, password: form.password },
      });
      onDone(form.username.trim());
    } catch (err) {
      const { fields, message } = formErrors(err);
      setErrors(fields);
      setFormError(message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout wide>
      <h1>初始设置</h1>
      <p className="lead">首次使用，请填写本机构信息并创建第一个管理员账号。</p>
      <form className="form" onSubmit={submit} noValidate aria-label="初始设置">
        <fieldset className="fieldset">
          <legend>机构信息</legend>
          <div className="form-row">
            <TextField label="机构号" name="branchCode" value={form.branchCode} onChange={set('branchCode')} error={errors.branchCode} autoFocus />
            <TextField label="机构名称" name="branchName" value={form.branchName} onChange={set('branchName')} error={errors.branchName} placeholder="如：临县农商银行白文支行" />
          </div>
        </fieldset>
        <fieldset className="fieldset">
          <legend>管理员账号</legend>
          <div className="form">
            <div className="form-row">
              <TextField label="用户名" name="username" autoComplete="username" value={form.username} onChange={set('username')} error={errors['admin.username']} hint="字母、数字、下划线" />
              <TextField label="姓名" name="displayName" value={form.displayName} onChange={set('displayName')} error={errors['admin.displayName']} />
            </div>
            <div className="form-row">
              <TextField label="密码" name="password" type="password" autoComplete="new-password" value={form.password} onChange={set('password')} error={errors['admin.password']} hint="至少 8 位" />
              <TextField label="确认密码" name="confirm" type="password" autoComplete="new-password" value={form.confirm} onChange={set('confirm')} error={errors.confirm} />
            </div>
          </div>
        </fieldset>
        <FormError message={formError} />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? '正在保存…' : '完成设置'}
        </button>
      </form>
    </AuthLayout>
  );
}

function errorKey(key: keyof FormState): string {
  return key === 'username' || key === 'displayName' || key === 'password' ? `admin.${key}` : key;
}
