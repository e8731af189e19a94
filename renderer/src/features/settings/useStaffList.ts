import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import type { StaffRow } from './staff-columns';

export type StaffState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; rows: StaffRow[] };

/** staff.list; the backend decides who may see it (a refusal is shown as its message). */
export function useStaffList(): { state: StaffState; reload: () => void } {
  const { handleSessionError } = useSession();
  const [state, setState] = useState<StaffState>({ status: 'loading' });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    call('staff.list', {})
      .then((rows) => {
        if (!cancelled) setState({ status: 'ready', rows });
      })
      .catch((err: unknown) => {
        if (cancelled || handleSessionError(err)) return;
        setState({ status: 'error', message: errorMessage(err) });
      });
    return () => {
      cancelled = true;
    };
  }, [version, handleSessionError]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { state, reload };
}
