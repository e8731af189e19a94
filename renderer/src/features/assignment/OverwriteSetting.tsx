import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useSession } from '../../session/session';
import { FormError } from '../../ui/Field';
import { errorMessage } from '../../ui/errors';

/** Whether a later import may replace a loan's local assignment with the core export's 客户经理 (default: no). */
export function OverwriteSetting() {
  const { handleSessionError } = useSession();
  const [value, setValue] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('assignment.settings', {}).then(
      (s) => setValue(s.importOverwritesAssignment),
      (err: unknown) => {
        if (!handleSessionError(err)) setError(errorMessage(err));
      },
    );
  }, [handleSessionError]);

  async function change(next: boolean) {
    setError(null);
    try {
      setValue((await call('assignment.setSettings', { importOverwritesAssignment: next })).importOverwritesAssignment);
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
    }
  }

  return (
    <div className="form">
      <label className="check">
        <input type="checkbox" checked={value === true} disabled={value === null} onChange={(e) => void change(e.target.checked)} data-testid="overwrite-setting" />
        导入核心系统文件时，按文件中的客户经理覆盖本地分配
      </label>
      <span className="field-hint">
        默认不覆盖：本地分配以支行为准，导入只给新贷款（及尚无客户经理的贷款）按文件中的客户经理登记管户；文件未写客户经理的新贷款归所在村的客户经理。
      </span>
      <FormError message={error} />
    </div>
  );
}
