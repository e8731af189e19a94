import type { z } from 'zod';

/**
 * One RPC method as both sides see it: the input schema (validated by the dispatcher)
 * and the output type (a phantom: JSON-safe data only, no Date, no BigInt, money in fen).
 * Contracts live in electron/shared so the renderer can derive its client types from them
 * without its type program ever seeing Node code.
 */
export interface RpcContract<I extends z.ZodType, O> {
  readonly input: I;
  readonly output?: O;
}

export function rpc<O>() {
  return <I extends z.ZodType>(input: I): RpcContract<I, O> => ({ input });
}

export type ContractMap = Record<string, RpcContract<z.ZodType, unknown>>;

export type InputOf<C> = C extends RpcContract<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<C> = C extends RpcContract<infer I, unknown> ? z.output<I> : never;
export type OutputOf<C> = C extends RpcContract<z.ZodType, infer O> ? O : never;

export interface RpcError {
  code: string;
  message: string;
  details?: unknown;
}

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError };
