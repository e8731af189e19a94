import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../../..', import.meta.url).pathname });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

const header = "import { sql, CompiledQuery } from 'kysely';\ndeclare const db: any;\n";

describe('lint: nothing writes around the change log', () => {
  const feature = 'electron/backend/register/bad.ts';

  it.each([
    ["await db.insertInto('loans').values({}).execute();", 'Kysely insert'],
    ["await db.updateTable('settings').set({ value: 'x' }).execute();", 'Kysely update'],
    ["await db.deleteFrom('borrower_phones').execute();", 'Kysely delete'],
    ["await db.replaceInto('loans').values({}).execute();", 'Kysely replace'],
    ['await sql`update loans set balance_fen = 0`.execute(db);', 'raw update'],
    ['await sql`\n  INSERT into settings values (1)`.execute(db);', 'raw insert with leading whitespace, upper case'],
    ["await sql.raw('delete from loans').execute(db);", 'sql.raw delete'],
    ["await db.executeQuery(CompiledQuery.raw('update staff set role = 1'));", 'CompiledQuery.raw update'],
    ['await db.executeQuery(CompiledQuery.raw(`insert into loans select 1`));', 'CompiledQuery.raw template insert'],
  ])('refuses %s (%s) in feature code', async (code) => {
    expect(await ruleIds(`${header}${code}\n`, feature)).toContain('no-restricted-syntax');
  });

  it('lets feature code read', async () => {
    const code = `${header}await db.selectFrom('loans').selectAll().execute();\nawait db.executeQuery(CompiledQuery.raw('select 1'));\nawait sql\`select * from loans where note = 'update'\`.execute(db);\nawait sql.raw('select 1').execute(db);\n`;
    expect(await ruleIds(code, feature)).toEqual([]);
  });

  it('lets the change-log module and migrations write', async () => {
    const code = `${header}await db.insertInto('loans').values({}).execute();\nawait sql\`update loans set balance_fen = 0\`.execute(db);\nawait db.executeQuery(CompiledQuery.raw('delete from x'));\n`;
    expect(await ruleIds(code, 'electron/backend/changelog/write-context-extra.ts')).toEqual([]);
    expect(await ruleIds(code, 'migrations/0099-example.ts')).toEqual([]);
  });
});
