import { useCallback, useEffect, useState } from 'react';
import type { VillagesOverview } from '../../../../electron/shared/api/villages';
import { call } from '../../api/client';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';

export type OverviewState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: VillagesOverview };

/** Loads villages.overview; `reload` fetches it again (after an import, demo data…). */
export function useVillagesOverview(): { state: OverviewState; reload: () => void } {
  const { handleSessionError } = useSession();
  const [state, setState] = useState<OverviewState>({ status: 'loading' });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    call('villages.overview', {})
      .then((data) => {
        if (!cancelled) setState({ status: 'ready', data });
      })
      .catch((err: unknown) => {
        if (cancelled || handleSessionError(err)) return;
        setState({ status: 'error', message: errorMessage(err) });
      });
    return () => {
      cancelled = true;
    };
  }, [version, handleSessionError]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setVersion((v) => v + 1);
  }, []);

  return { state, reload };
}
