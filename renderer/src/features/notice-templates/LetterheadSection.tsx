import { useState, type FormEvent } from 'react';
import type { LetterheadView } from '../../../../electron/shared/api/notice-templates';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { FormError, TextField } from '../../ui/Field';
import { LoadStatus } from '../../ui/LoadStatus';
import { useFormSubmit } from '../../ui/useFormSubmit';

type Fields = Omit<LetterheadView, 'defaultBankName'>;

/** 抬头: bank, branch, address and phone as they head every notice. Admins edit; others read. */
export function LetterheadSection({ isAdmin, onSaved }: { isAdmin: boolean; onSaved(): void }) {
  const { state } = useRpcQuery('noticeTemplates.letterhead', {});
  if (state.status !== 'ready') return <LoadStatus state={state} />;
  return <LetterheadForm stored={state.data} isAdmin={isAdmin} onSaved={onSaved} />;
}

function LetterheadForm({ stored, isAdmin, onSaved }: { stored: LetterheadView; isAdmin: boolean; onSaved(): void }) {
  const [fields, setFields] = useState<Fields>({ bankName: stored.bankName, branchName: stored.branchName, address: stored.address, phone: stored.phone });
  const [done, setDone] = useState(false);
  const { busy, errors, formError, run } = useFormSubmit();

  const set = (key: keyof Fields) => (e: { target: { value: string } }) => {
    setDone(false);
    setFields({ ...fields, [key]: e.target.value });
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    void run(async () => {
      const saved = await call('noticeTemplates.setLetterhead', fields);
      setFields({ bankName: saved.bankName, branchName: saved.branchName, address: saved.address, phone: saved.phone });
      setDone(true);
      onSaved();
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="通知书抬头" data-testid="letterhead-form">
      <p className="muted" style={{ marginTop: 0 }}>
        印在每份通知书和联系卡上。支行名称也用于通知书编号（如“白文支行催字〔2026〕第0001号”）。
      </p>
      <div className="form-row">
        <TextField label="银行名称" name="bankName" value={fields.bankName} onChange={set('bankName')} error={errors.bankName} readOnly={!isAdmin} />
        <TextField label="支行名称" name="branchName" value={fields.branchName} onChange={set('branchName')} error={errors.branchName} readOnly={!isAdmin} />
      </div>
      <div className="form-row">
        <TextField label="支行地址" name="address" value={fields.address} onChange={set('address')} error={errors.address} readOnly={!isAdmin} />
        <TextField label="支行电话" name="phone" value={fields.phone} onChange={set('phone')} error={errors.phone} readOnly={!isAdmin} placeholder="如 0358-1234567" />
      </div>
      <FormError message={formError} />
      {done ? (
        <div className="alert alert-success" role="status">
          抬头已保存，此后打印的通知书使用新的抬头。
        </div>
      ) : null}
      {isAdmin ? (
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="letterhead-save">
            {busy ? '正在保存…' : '保存抬头'}
          </button>
        </div>
      ) : (
        <p className="muted">只有管理员可以修改抬头。</p>
      )}
    </form>
  );
}
