import { archiveHandoverApi } from './archive-handover';
import { archiveSettingsApi } from './archive-settings';
import { syncApi } from './sync';
import { archivesApi } from './archives';
import { inspectionsApi } from './inspections';
import { indicatorsApi } from './indicators';
import { warningsApi } from './warnings';
import { monthEndApi } from './month-end';
import { assignmentApi } from './assignment';
import { authApi } from './auth';
import { callsApi } from './calls';
import { contactsApi } from './contacts';
import { demoApi } from './demo';
import { handoverApi } from './handover';
import { importsApi } from './imports';
import { legalApi } from './legal';
import { limitationApi } from './limitation';
import { noticeTemplatesApi } from './notice-templates';
import { noticesApi } from './notices';
import { registerApi } from './register';
import { recoverabilityApi } from './recoverability';
import { reportsApi } from './reports';
import { routeSheetApi } from './route-sheet';
import { settingsApi } from './settings';
import { smsApi } from './sms';
import { targetsApi } from './targets';
import { villageWorkApi } from './village-work';
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
  ...handoverApi,
  ...legalApi,
  ...routeSheetApi,
  ...smsApi,
  ...villageWorkApi,
  ...recoverabilityApi,
  ...targetsApi,
  ...noticesApi,
  ...noticeTemplatesApi,
  ...limitationApi,
  ...archivesApi,
  ...archiveHandoverApi,
  ...archiveSettingsApi,
  ...syncApi,
  ...inspectionsApi,
  ...indicatorsApi,
  ...warningsApi,
  ...monthEndApi,
};

export type Api = typeof api;
export type MethodName = keyof Api;
