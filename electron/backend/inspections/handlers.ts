import type { inspectionsApi } from '../../shared/api/inspections';
import { todayLocal } from '../../shared/dates';
import { ROLES, type StaffRole } from '../../shared/domain';
import { readTransaction } from '../db/read-db';
import type { HandlersFor } from '../rpc/handler-types';
import { loanInspections } from './by-loan';
import { dueTasks } from './due';
import { readLoan, recordInspection } from './record';
import { listRules, saveRule } from './rules';
import { decideSpotCheck, drawSpotChecks, listSpotChecks, setSpotCheckPercent, spotCheckPercent } from './spot-checks';
import { inspectionTemplate } from './template';

/** Everyone signed in reads the schedule and the records; the CLI without --as may read them too. */
const READ_ROLES: readonly StaffRole[] = [...ROLES, 'system'];
/** Who sets the rules and the spot-check share: the branch head and admins. */
const SETTINGS_ROLES: readonly StaffRole[] = ['head', 'admin'];
/**
 * Who records inspections: account managers (their own book), the post-loan officer (reviewer),
 * the head and admins. Not clerks, and not the system actor: an inspection is someone's visit.
 */
const RECORD_ROLES: readonly StaffRole[] = ['manager', 'reviewer', 'head', 'admin'];
/** Who draws and decides spot checks: the post-loan officer (贷后管理岗, the reviewer role), the head and admins. */
const CHECK_ROLES: readonly StaffRole[] = ['reviewer', 'head', 'admin'];

export const inspectionHandlers: HandlersFor<typeof inspectionsApi> = {
  'inspections.rules': {
    access: 'signed-in',
    roles: READ_ROLES,
    run: async (_args, { app }) => listRules(app.db),
  },

  'inspections.saveRule': {
    access: 'signed-in',
    roles: SETTINGS_ROLES,
    writes: true,
    run: async (input, { write }) => write((w) => saveRule(w, input)),
  },

  'inspections.template': {
    access: 'signed-in',
    roles: READ_ROLES,
    run: async ({ loanId }, { app }) => inspectionTemplate(await readLoan(app.db, loanId)),
  },

  'inspections.record': {
    access: 'signed-in',
    roles: RECORD_ROLES,
    writes: true,
    run: async (input, { user, write }) => write((w) => recordInspection(w, user, input)),
  },

  'inspections.due': {
    access: 'signed-in',
    roles: READ_ROLES,
    run: async ({ asOf, ...q }, { app }) => readTransaction(app.db, (trx) => dueTasks(trx, { ...q, asOf: asOf ?? todayLocal() })),
  },

  'inspections.byLoan': {
    access: 'signed-in',
    roles: READ_ROLES,
    run: async ({ loanId }, { app }) => readTransaction(app.db, (trx) => loanInspections(trx, loanId)),
  },

  'spotChecks.draw': {
    access: 'signed-in',
    roles: CHECK_ROLES,
    writes: true,
    run: async ({ month }, { write }) => write((w) => drawSpotChecks(w, month)),
  },

  'spotChecks.list': {
    access: 'signed-in',
    roles: READ_ROLES,
    run: async ({ month }, { app }) => readTransaction(app.db, (trx) => listSpotChecks(trx, month)),
  },

  'spotChecks.decide': {
    access: 'signed-in',
    roles: CHECK_ROLES,
    writes: true,
    run: async ({ checkId, verdict, note }, { user, write }) => write((w) => decideSpotCheck(w, user, checkId, verdict, note)),
  },

  'spotChecks.settings': {
    access: 'signed-in',
    roles: READ_ROLES,
    run: async (_args, { app }) => ({ percent: await spotCheckPercent(app.db) }),
  },

  'spotChecks.setPercent': {
    access: 'signed-in',
    roles: SETTINGS_ROLES,
    writes: true,
    run: async ({ percent }, { write }) => write((w) => setSpotCheckPercent(w, percent)),
  },
};
