import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { useSession } from '../../session/session';
import { FormError, TextField } from '../../ui/Field';
import { formErrors } from '../../ui/errors';

/** 导入检查 (admins only): the largest amount one loan may have; a row above it is refused on import. */
export function ImportLimitsSection() {
  const { handleSessionError } = useSession();
  const [yuan, setYuan] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('settings.importLimits', {}).then(
      (limits) => setYuan(String(limits.maxLoanYuan)),
      (err: unknown) => {
        if (!handleSessionError(err)) setFormError(formErrors(err).message);
      },
    );
  }, [handleSessionError]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setFormError(null);
    setDone(null);
    const value = yuan.replace(/[,，\s]/g, '');
    if (!/^\d+$/.test(value)) {
      setError('请填写整数元，如 100000000');
      return;
    }
    setBusy(true);
    try {
      const saved = await call('settings.setImportLimits', { maxLoanYuan: Number(value) });
      setYuan(String(saved.maxLoanYuan));
      setDone(`已保存：单笔贷款金额超过 ${saved.maxLoanYuan.toLocaleString('zh-CN')} 元的行，导入时将被拒绝。`);
    } catch (err) {
      if (handleSessionError(err)) return;
      const { fields, message } = formErrors(err);
      setError(fields.maxLoanYuan);
      setFormError(fields.maxLoanYuan ? null : message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="导入检查">
      <p className="muted" style={{ marginTop: 0 }}>
        核心系统文件中余额、合同金额或欠息超过此金额的行视为错误，导入时拒绝，以免一个错误的单元格使全部合计出错。
      </p>
      <div className="form-row">
        <TextField label="单笔贷款金额上限（元）" name="maxLoanYuan" inputMode="numeric" value={yuan} onChange={(e) => setYuan(e.target.value)} error={error} />
      </div>
      <FormError message={formError} />
      {done ? (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? '正在保存…' : '保存'}
        </button>
      </div>
    </form>
  );
}
