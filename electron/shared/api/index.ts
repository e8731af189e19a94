import { assignmentApi } from './assignment';
import { authApi } from './auth';
import { callsApi } from './calls';
import { contactsApi } from './contacts';
import { demoApi } from './demo';
import { importsApi } from './imports';
import { registerApi } from './register';
import { reportsApi } from './reports';
import { settingsApi } from './settings';
import { villagesApi } from './villages';
import { worklistsApi } from './worklists';

/** Every RPC method of the backend, by name. The renderer's client is typed from this map. */
export const api = {
  ...authApi,
  ...callsApi,
  ...villagesApi,
  ...demoApi,
  ...importsApi,
  ...registerApi,
  ...reportsApi,
  ...settingsApi,
  ...worklistsApi,
  ...assignmentApi,
  ...contactsApi,
};

export type Api = typeof api;
export type MethodName = keyof Api;
