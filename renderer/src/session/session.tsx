import { createContext, useContext } from 'react';
import type { SessionUser } from '../../../electron/shared/api/auth';
import { RpcCallError } from '../api/client';

export interface Branch {
  code: string | null;
  name: string | null;
}

export interface Session {
  user: SessionUser;
  branch: Branch;
  /** Signs out on the backend (best effort) and returns to the login page. */
  signOut(): Promise<void>;
  /**
   * Call with any error from `call()`: when the session has expired it returns to the login page
   * and answers true; otherwise answers false and the caller shows the error itself.
   */
  handleSessionError(err: unknown): boolean;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; only for components rendered inside the shell. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in shell');
  return session;
}

export function isSessionExpired(err: unknown): boolean {
  return err instanceof RpcCallError && err.code === 'NOT_SIGNED_IN';
}
