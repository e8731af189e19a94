import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { perTest } from '../../helpers/per-test';
import { importLoans, inspectionApp, SEP_30 } from './inspection-fixture';

const b = perTest(inspectionApp);

/**
 * A register whose loans have no tasks: one from before the schedule existed. The tasks are
 * removed behind the change log's back here only to make one; the schedule's migration is dated
 * after the imports so far (`scheduleAfter`: as if it had come with an update since) or long before.
 */
async function withoutTasks(scheduleAfter: boolean): Promise<void> {
  const db = b.app.db;
  await sql`delete from inspection_tasks`.execute(db);
  const at = scheduleAfter ? new Date(Date.now() + 60_000) : new Date('2026-01-01T00:00:00Z');
  await sql`update kysely_migration set timestamp = ${at.toISOString()} where name = '0070-post-loan'`.execute(db);
}

describe('the loans an import looks at for missing inspection tasks', () => {
  it('every active loan on a register from before the schedule existed; then only the loans an import adds or changes', async () => {
    await importLoans(b.call, SEP_30, '2026-09-30');
    expect(await b.tasks()).toHaveLength(6);

    await withoutTasks(true);
    await importLoans(b.call, SEP_30, '2026-09-30');
    expect(await b.tasks()).toHaveLength(6);

    // With the schedule in place since the last import, an unchanged export looks at no loan.
    await withoutTasks(false);
    await importLoans(b.call, SEP_30, '2026-09-30');
    expect(await b.tasks()).toHaveLength(0);
  });
});
