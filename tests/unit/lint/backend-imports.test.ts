import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../../..', import.meta.url).pathname });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('lint: what may import what', () => {
  it('fails when backend code imports electron', async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'electron/backend/villages/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { ipcMain } from 'electron/main';\nexport const a = ipcMain;\n", 'electron/shared/bad.ts')).toContain('no-restricted-imports');
  });

  it('lets electron/main import electron', async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'electron/main/ok.ts')).toEqual([]);
  });

  it('fails when renderer code imports Node or the backend', async () => {
    expect(await ruleIds("import fs from 'node:fs';\nexport const a = fs;\n", 'renderer/src/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { dispatch } from '../../electron/backend/rpc/dispatch';\nexport const a = dispatch;\n", 'renderer/src/bad.ts')).toContain(
      'no-restricted-imports',
    );
  });

  it('fails when a migration imports app code', async () => {
    expect(await ruleIds("import { log } from '../electron/backend/log';\nexport const a = log;\n", 'migrations/0099-bad.ts')).toContain('no-restricted-imports');
  });
});
