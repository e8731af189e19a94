import type { CallEvent } from './calls';
import type { RpcResult } from './contract';

/** What the preload exposes as `window.api` (and what the HTTP client imitates). */
export interface BridgeApi {
  /** Calls a backend method; `callId` (chosen by the caller) tags the call's events and names it for calls.cancel. */
  invoke(name: string, args: unknown, token: string | null, callId: string): Promise<RpcResult<unknown>>;
  /** Subscribes to the events of this window's calls (progress and the like); returns the unsubscribe function. */
  onCallEvent(callback: (message: CallEvent) => void): () => void;
}
