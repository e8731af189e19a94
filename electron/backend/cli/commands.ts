import { archiveCutoverCommand } from './archive-cutover-command';
import { archiveHandoverCommand, archiveReceiptCommand } from './archive-handover-commands';
import { archiveReviewCommand, archiveSetCommand, archiveStatusCommand } from './archive-commands';
import { assignApplyCommand, assignProposeCommand } from './assign-command';
import type { CliCommand } from './command';
import { backupCommand, demoDataCommand, migrateCommand } from './database-commands';
import { handoverCommand } from './handover-command';
import { hqConsoleCommand, hqUserAddCommand, hqUserDisableCommand, hqUserEnableCommand, hqUserListCommand, hqUserPasswordCommand } from './hq-console-commands';
import { hqArchiveReceiptCommand, hqExportCommand, hqIngestCommand, hqInitCommand, hqMessageCommand, hqReferenceCommand, hqRegisterCommand, hqReportCommand } from './hq-commands';
import { importCommand } from './import-command';
import { indicatorsCommand } from './indicators-command';
import { inspectionsDueCommand } from './inspections-command';
import { limitationCommand } from './limitation-command';
import { noticesIssueCommand, noticesReceiptCommand } from './notice-commands';
import { exportRegisterCommand, portfolioCommand } from './register-commands';
import { setupCommand } from './setup-command';
import { staffAddCommand } from './staff-command';
import { syncApplyCommand, syncExportCommand, syncPairCommand } from './sync-commands';
import { worklistCommand } from './worklist-command';

/** Every CLI command; a feature adds its own here. */
export const commands: CliCommand[] = [
  migrateCommand,
  setupCommand,
  backupCommand,
  demoDataCommand,
  importCommand,
  portfolioCommand,
  exportRegisterCommand,
  worklistCommand,
  assignProposeCommand,
  assignApplyCommand,
  handoverCommand,
  noticesIssueCommand,
  noticesReceiptCommand,
  limitationCommand,
  staffAddCommand,
  archiveStatusCommand,
  archiveSetCommand,
  archiveReviewCommand,
  archiveCutoverCommand,
  archiveHandoverCommand,
  archiveReceiptCommand,
  indicatorsCommand,
  inspectionsDueCommand,
  syncPairCommand,
  syncExportCommand,
  syncApplyCommand,
  hqInitCommand,
  hqRegisterCommand,
  hqIngestCommand,
  hqExportCommand,
  hqArchiveReceiptCommand,
  hqReportCommand,
  hqReferenceCommand,
  hqMessageCommand,
  hqUserAddCommand,
  hqUserDisableCommand,
  hqUserEnableCommand,
  hqUserPasswordCommand,
  hqUserListCommand,
  hqConsoleCommand,
];
