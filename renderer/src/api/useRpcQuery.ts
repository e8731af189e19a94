import { useCallback, useEffect, useState } from 'react';
import type { Api, MethodName } from '../../../electron/shared/api';
import type { InputOf, OutputOf } from '../../../electron/shared/api/contract';
import { useSession } from '../session/session';
import { errorMessage } from '../ui/errors';
import { call } from './client';

export type QueryState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T };

/**
 * Loads one backend method's answer for a page; `reload` asks again (after an import, a new
 * account…). A lost session goes back to login; other errors become the state's message.
 */
export function useRpcQuery<K extends MethodName>(name: K, args: InputOf<Api[K]>, version = 0): { state: QueryState<OutputOf<Api[K]>>; reload: () => void } {
  const { handleSessionError } = useSession();
  const [state, setState] = useState<QueryState<OutputOf<Api[K]>>>({ status: 'loading' });
  const [ownVersion, setOwnVersion] = useState(0);
  const argsKey = JSON.stringify(args);

  useEffect(() => {
    let cancelled = false;
    call(name, JSON.parse(argsKey) as InputOf<Api[K]>)
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
  }, [name, argsKey, version, ownVersion, handleSessionError]);

  // The current answer stays on screen until the new one arrives.
  const reload = useCallback(() => setOwnVersion((v) => v + 1), []);

  return { state, reload };
}
