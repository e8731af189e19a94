import type { Api } from '../../shared/api';
import { archiveHandoverHandlers } from '../archive-handover/handlers';
import { archiveSettingsHandlers } from '../archive-settings/handlers';
import { syncHandlers } from '../sync/handlers';
import { archiveHandlers } from '../archives/handlers';
import { inspectionHandlers } from '../inspections/handlers';
import { indicatorHandlers } from '../indicators/handlers';
import { warningHandlers } from '../warnings/handlers';
import { monthEndHandlers } from '../month-end/handlers';
import { assignmentHandlers } from '../assignment/handlers';
import { authHandlers } from '../auth/handlers';
import { callsHandlers } from '../calls/handlers';
import { contactHandlers } from '../contacts/handlers';
import { demoHandlers } from '../demo/handlers';
import { handoverHandlers } from '../handover/handlers';
import { importHandlers } from '../import/handlers';
import { legalHandlers } from '../legal/handlers';
import { limitationHandlers } from '../limitation/handlers';
import { noticeTemplateHandlers } from '../notice-templates/handlers';
import { noticeHandlers } from '../notices/handlers';
import { recoverabilityHandlers } from '../recoverability/handlers';
import { registerHandlers } from '../register/handlers';
import { reportHandlers } from '../reports/handlers';
import { routeSheetHandlers } from '../route-sheet/handlers';
import { settingsHandlers } from '../settings/handlers';
import { smsHandlers } from '../sms/handlers';
import { targetsHandlers } from '../targets/handlers';
import { villageWorkHandlers } from '../village-work/handlers';
import { villagesHandlers } from '../villages/handlers';
import { worklistHandlers } from '../worklists/handlers';
import type { HandlersFor } from './handler-types';

/** Every feature's handlers in one map; the type makes a missing or extra name a compile error. */
export const handlers: HandlersFor<Api> = {
  ...authHandlers,
  ...callsHandlers,
  ...villagesHandlers,
  ...demoHandlers,
  ...importHandlers,
  ...registerHandlers,
  ...reportHandlers,
  ...settingsHandlers,
  ...worklistHandlers,
  ...assignmentHandlers,
  ...contactHandlers,
  ...handoverHandlers,
  ...legalHandlers,
  ...routeSheetHandlers,
  ...smsHandlers,
  ...villageWorkHandlers,
  ...recoverabilityHandlers,
  ...targetsHandlers,
  ...noticeHandlers,
  ...noticeTemplateHandlers,
  ...limitationHandlers,
  ...archiveHandlers,
  ...archiveHandoverHandlers,
  ...archiveSettingsHandlers,
  ...syncHandlers,
  ...inspectionHandlers,
  ...indicatorHandlers,
  ...warningHandlers,
  ...monthEndHandlers,
};
