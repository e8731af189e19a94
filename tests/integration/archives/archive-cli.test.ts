import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';
import { cli } from '../../helpers/cli-in-process';
import { archiveCsv, ARCHIVE_LOANS } from './archive-fixture';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';

let tmp: ReturnType<typeof makeTempDir>;
let db: string;

beforeEach(async () => {
  tmp = makeTempDir();
  db = tmp.file('branch.sqlite');
  const csv = tmp.file('loans.csv');
  writeFileSync(csv, archiveCsv(ARCHIVE_LOANS));
  expect((await cli('import', csv, '--db', db, '--as-of', '2026-11-30')).code).toBe(0);
  for (const [username, name, role] of [
    ['clerk1', '内勤甲', 'clerk'],
    ['rev1', '审查甲', 'reviewer'],
  ]) {
    const added = await cli('staff', 'add', '--db', db, '--username', username, '--name', name, '--role', role, '--json');
    expect(added.code, added.stderr).toBe(0);
    expect(added.json).toMatchObject({ username, name, role });
  }
});
afterEach(() => tmp.cleanup());

async function tables(): Promise<unknown> {
  const conn: Db = await openDatabase(db);
  try {
    return {
      files: await conn.selectFrom('archive_files').selectAll().orderBy('id').execute(),
      documents: await conn.selectFrom('archive_documents').selectAll().orderBy('id').execute(),
      events: await conn.selectFrom('archive_events').selectAll().orderBy('id').execute(),
      log: await conn.selectFrom('change_log').select('id').execute(),
    };
  } finally {
    await conn.destroy();
  }
}

describe('archive CLI', () => {
  it('staff add refuses an unknown role and a taken username, in Chinese', async () => {
    const role = await cli('staff', 'add', '--db', db, '--username', 'x1', '--name', '某', '--role', 'boss');
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('--role 应为');
    const taken = await cli('staff', 'add', '--db', db, '--username', 'clerk1', '--name', '某', '--role', 'clerk');
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toMatch(/用户名/);
  });

  it('status prints counts by status and the overdue files; set --complete submits; the preparer is refused the review and another reviewer approves', async () => {
    const status = await cli('archive', 'status', '--db', db, '--as-of', '2026-12-02', '--json');
    expect(status.code, status.stderr).toBe(0);
    expect(status.json.byStatus).toEqual({ collecting: 6, awaiting_review: 0, reviewed: 0, returned: 0, handed_over: 0, received: 0, discrepancy: 0 });
    expect(status.json.overdue).toEqual([
      { loanNo: 'A06', manager: '李经理', dueOn: '2024-03-15' },
      { loanNo: 'A03', manager: '王经理', dueOn: '2026-10-29' },
      { loanNo: 'A02', manager: '王经理', dueOn: '2026-11-16' },
    ]);

    const noActor = await cli('archive', 'set', '--db', db, '--loans', 'A01,A02', '--complete', '--json');
    expect(noActor.code).not.toBe(0);
    expect(noActor.stderr).toContain('--as');

    const set = await cli('archive', 'set', '--db', db, '--loans', 'A01,A02', '--complete', '--as', 'rev1', '--json');
    expect(set.code, set.stderr).toBe(0);
    expect(set.json).toEqual({ files: 2, documents: 22, submitted: 2 });

    const before = await tables();
    const refused = await cli('archive', 'review', '--db', db, '--loans', 'A01,A02', '--as', 'rev1', '--json');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('四眼原则');
    expect(await tables()).toEqual(before);

    await cli('staff', 'add', '--db', db, '--username', 'rev2', '--name', '审查乙', '--role', 'reviewer');
    const approved = await cli('archive', 'review', '--db', db, '--loans', 'A01,A02', '--as', 'rev2', '--json');
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.json).toMatchObject({ reviewed: 2, decision: 'approve' });
    const after = await cli('archive', 'status', '--db', db, '--as-of', '2026-12-02', '--json');
    expect(after.json.byStatus).toMatchObject({ collecting: 4, reviewed: 2 });
    expect(after.json.overdue.map((f: { loanNo: string }) => f.loanNo)).toEqual(['A06', 'A03', 'A02']);
  });

  it('an unknown loan number or user is refused and changes nothing', async () => {
    const before = await tables();
    const unknown = await cli('archive', 'set', '--db', db, '--loans', 'A01,ZZZ', '--complete', '--as', 'clerk1');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('找不到借据号：ZZZ');
    const nobody = await cli('archive', 'review', '--db', db, '--loans', 'A01', '--as', 'nobody');
    expect(nobody.code).not.toBe(0);
    expect(nobody.stderr).toContain('nobody');
    expect(await tables()).toEqual(before);
  });
});
