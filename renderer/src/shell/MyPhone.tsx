import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { useRpcQuery } from '../api/useRpcQuery';
import { useSession } from '../session/session';
import { useFormSubmit } from '../ui/useFormSubmit';

/**
 * The signed-in user's own phone in the header: what borrowers are given to call on notices,
 * contact cards and SMS reminders. Everyone sets their own here; the 支行长 and 管理员 also set
 * others' under 设置 → 人员名单.
 */
export function MyPhone() {
  const { user } = useSession();
  const { state, reload } = useRpcQuery('staff.myPhone', {});
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const { busy, errors, formError, run } = useFormSubmit();
  const phone = state.status === 'ready' ? state.data.phone : '';

  if (!editing) {
    return (
      <button
        type="button"
        className="btn btn-link"
        data-testid="my-phone"
        title="借款人拿到的通知书、联系卡和短信上印的是这个电话"
        onClick={() => {
          setValue(phone);
          setEditing(true);
        }}
      >
        {phone ? `电话 ${phone}` : '填写我的电话'}
      </button>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await call('staff.setPhone', { staffId: user.id, phone: value });
      reload();
      setEditing(false);
    });
  };

  return (
    <form className="my-phone-form" aria-label="我的电话" onSubmit={submit}>
      <input aria-label="我的电话" value={value} autoFocus onChange={(e) => setValue(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setEditing(false)} />
      <button type="submit" className="btn" disabled={busy}>
        保存
      </button>
      <button type="button" className="btn" onClick={() => setEditing(false)}>
        取消
      </button>
      {errors.phone || formError ? (
        <span className="field-error" role="alert">
          {errors.phone ?? formError}
        </span>
      ) : null}
    </form>
  );
}
