import { useCallback, useState } from 'react';
import { useSession } from '../session/session';
import { formErrors } from './errors';

/**
 * A form's submit state: `run(action)` marks it busy, clears the old messages, and on failure
 * puts the backend's per-field messages under their fields and one line for the form (a lost
 * session goes back to login instead). The action does the call and what follows success.
 */
export function useFormSubmit() {
  const { handleSessionError } = useSession();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const run = useCallback(
    async (action: () => Promise<void>) => {
      setBusy(true);
      setErrors({});
      setFormError(null);
      try {
        await action();
      } catch (err) {
        if (handleSessionError(err)) return;
        const { fields, message } = formErrors(err);
        setErrors(fields);
        setFormError(message);
      } finally {
        setBusy(false);
      }
    },
    [handleSessionError],
  );

  return { busy, errors, setErrors, formError, setFormError, run };
}
