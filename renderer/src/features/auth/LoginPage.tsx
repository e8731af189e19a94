import { useState, type FormEvent } from 'react';
import type { SessionUser } from '../../../../electron/shared/api/auth';
import { call, setSessionToken } from '../../api/client';
import { FormError, TextField } from '../../ui/Field';
import { errorMessage } from '../../ui/errors';
import { AuthLayout } from './AuthLayout';

interface Props {
  branchName: string | null;
  /** A note above the form, e.g. after first-run setup or when the session expired. */
  notice?: string;
  initialUsername?: string;
  onSignedIn(user: SessionUser): void;
}

/** Sign-in (登录). */
export function LoginPage({ branchName, notice, initialUsername = '', onSignedIn }: Props) {
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!username.trim() || !password) {
      setError(!username.trim() ? '请输入用户名' : '请输入密码');
      return;
    }
    setBusy(true);
    try {
      const { token, user } = await call('auth.login', { username, password });
      setSessionToken(token);
      onSignedIn(user);
    } catch (err) {
      setError(errorMessage(err));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <AuthLayout>
      <h1>登录</h1>
      <p className="lead">{branchName ?? '请使用您的账号登录'}</p>
      <form className="form" onSubmit={submit} noValidate aria-label="登录">
        {notice ? (
          <div className="alert alert-info" data-testid="login-notice">
            {notice}
          </div>
        ) : null}
        <TextField
          label="用户名"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => {
            setUsername(e.target.value);
            setError(null);
          }}
          autoFocus={!initialUsername}
        />
        <TextField
          label="密码"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            setError(null);
          }}
          autoFocus={!!initialUsername}
        />
        <FormError message={error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
      </form>
    </AuthLayout>
  );
}
