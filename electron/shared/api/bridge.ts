import type { RpcResult } from './contract';

/** What the preload exposes as `window.api` (and what the HTTP client imitates). */
export interface BridgeApi {
  invoke(name: string, args: unknown, token: string | null): Promise<RpcResult<unknown>>;
  /** Subscribes to a backend event (progress and the like); returns the unsubscribe function. */
  on(event: string, callback: (payload: unknown) => void): () => void;
}
