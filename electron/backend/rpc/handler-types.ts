import type { ContractMap, OutputOf, ParsedInputOf } from '../../shared/api/contract';
import type { SessionUser } from '../../shared/api/auth';
import type { Role } from '../../shared/domain';
import type { AppContext } from '../app-context';


export interface CallContext {
  app: AppContext;
  /** The caller's user; null only in public handlers. */
  user: SessionUser | null;
  token: string | null;
}

export interface SignedInContext extends CallContext {
  user: SessionUser;
}

/** Who may call: anyone (`public`), or a signed-in user, limited to `roles` when given. */
export type Handler<C> =
  | { access: 'public'; run: (args: ParsedInputOf<C>, ctx: CallContext) => Promise<OutputOf<C>> }
  | {
      access: 'signed-in';
      roles?: readonly Role[];
      run: (args: ParsedInputOf<C>, ctx: SignedInContext) => Promise<OutputOf<C>>;
    };

export type HandlersFor<M extends ContractMap> = { [K in keyof M]: Handler<M[K]> };
