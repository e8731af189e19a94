import type { ContractMap, OutputOf, ParsedInputOf } from '../../shared/api/contract';
import type { StaffRole } from '../../shared/domain';
import type { Caller } from '../auth/caller';
import type { AppContext } from '../app-context';
import type { WriteContext, WriteOptions } from '../changelog/write-context';
import type { ReadDb } from '../db/read-db';
import type { CallScope } from '../calls/call-scope';


/** A call's context; its id, cancel signal and event sender come from CallScope. */
export interface CallContext extends CallScope {
  /** The app as a handler sees it: its database can only be read. Writes go through `write`. */
  app: HandlerApp;
  /** Who calls: a signed-in staff member, the CLI's `--as`, or the system actor; null only in public handlers. */
  user: Caller | null;
  token: string | null;
}

export interface SignedInContext extends CallContext {
  user: Caller;
}

export type HandlerApp = Omit<AppContext, 'db'> & { db: ReadDb };

/**
 * Opens one write transaction as the caller (the system actor for public calls): every write
 * in it lands with its change-log entries, or none does. Only handlers that declare
 * `writes: true` get it; the others cannot write at all (their database type has no writes).
 */
export type Writer = <T>(fn: (w: WriteContext) => Promise<T>, options?: WriteOptions) => Promise<T>;

export interface WritingContext extends CallContext {
  write: Writer;
}

export interface SignedInWritingContext extends SignedInContext {
  write: Writer;
}

/**
 * Who may call: anyone (`public`), or a signed-in user, limited to `roles` when given; `writes`
 * if it changes data. The system actor (the CLI without `--as`) may call only where `roles`
 * names 'system'. `session`: any signed-in user as the session store holds them, without reading
 * their staff row, for a call that must get through while another call's write transaction holds
 * the database (calls.cancel); it may neither write nor be limited to roles (the role held may be stale).
 */
export type Handler<C> =
  | { access: 'public'; writes?: false; run: (args: ParsedInputOf<C>, ctx: CallContext) => Promise<OutputOf<C>> }
  | { access: 'public'; writes: true; run: (args: ParsedInputOf<C>, ctx: WritingContext) => Promise<OutputOf<C>> }
  | { access: 'session'; writes?: false; run: (args: ParsedInputOf<C>, ctx: SignedInContext) => Promise<OutputOf<C>> }
  | {
      access: 'signed-in';
      roles?: readonly StaffRole[];
      writes?: false;
      run: (args: ParsedInputOf<C>, ctx: SignedInContext) => Promise<OutputOf<C>>;
    }
  | {
      access: 'signed-in';
      roles?: readonly StaffRole[];
      writes: true;
      run: (args: ParsedInputOf<C>, ctx: SignedInWritingContext) => Promise<OutputOf<C>>;
    };

export type HandlersFor<M extends ContractMap> = { [K in keyof M]: Handler<M[K]> };
