import type { CliCommand } from './command';
import { backupCommand, demoDataCommand, migrateCommand } from './database-commands';
import { exportRegisterCommand, importCommand, portfolioCommand } from './register-commands';

/** Every CLI command; a feature adds its own here. */
export const commands: CliCommand[] = [
  migrateCommand,
  backupCommand,
  demoDataCommand,
  importCommand,
  portfolioCommand,
  exportRegisterCommand,
];
