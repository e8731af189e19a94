import { authApi } from './auth';
import { demoApi } from './demo';
import { villagesApi } from './villages';

/** Every RPC method of the backend, by name. The renderer's client is typed from this map. */
export const api = {
  ...authApi,
  ...villagesApi,
  ...demoApi,
};

export type Api = typeof api;
export type MethodName = keyof Api;
