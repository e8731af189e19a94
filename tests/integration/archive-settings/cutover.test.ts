import { describe, expect, it } from 'vitest';
import { perTestCopy } from '../../helpers/per-test-copy';
import { archiveApp } from '../archives/archive-fixture';
import { changeCount, filesByLoan } from './archive-settings-files';

const t = perTestCopy((file) => archiveApp(file));

async function events(action: string) {
  return t.app.db
    .selectFrom('archive_events as e')
    .innerJoin('archive_files as f', 'f.id', 'e.file_id')
    .innerJoin('loans as l', 'l.id', 'f.loan_id')
    .innerJoin('staff as s', 's.id', 'e.staff_id')
    .select(['l.loan_no', 'e.note', 's.username'])
    .where('e.action', '=', action as 'cutover')
    .orderBy('l.loan_no')
    .execute();
}

// Fixture disbursements: A06 2024-03-01, A03 2026-10-15, A02 11-02, A04 11-20, A05 11-25, A01 11-27.
describe('archiveSettings.setCutover', () => {
  it('marks the files of loans disbursed before it that are still collected received, as backlog, each with an event', async () => {
    expect(await t.as.head1('archiveSettings.cutoverPreview', { before: '2026-11-21' })).toEqual({ before: '2026-11-21', files: 4 });
    const done = await t.as.head1('archiveSettings.setCutover', { before: '2026-11-21' });
    expect(done).toEqual({ cutoverDate: '2026-11-21', filesReceived: 4 });
    const files = await filesByLoan(t.app);
    for (const no of ['A02', 'A03', 'A04', 'A06']) expect(files[no]).toMatchObject({ status: 'received', backlog: 1, received_on: '2026-11-21' });
    for (const no of ['A01', 'A05']) expect(files[no]).toMatchObject({ status: 'collecting', backlog: 0, received_on: null });
    expect(await events('cutover')).toEqual(['A02', 'A03', 'A04', 'A06'].map((loan_no) => ({ loan_no, note: '切换日期 2026-11-21', username: 'head1' })));
    expect((await t.call('archiveSettings.get')).cutoverDate).toBe('2026-11-21');
    expect(await t.as.clerk1('archiveSettings.cutoverPreview', { before: '2026-11-21' })).toEqual({ before: '2026-11-21', files: 0 });
  });

  it('files already further along keep their status and their first cut-over', async () => {
    expect((await t.call('archiveSettings.setCutover', { before: '2025-01-01' })).filesReceived).toBe(1);
    const first = await filesByLoan(t.app);
    expect(first.A06).toMatchObject({ status: 'received', received_on: '2025-01-01' });
    expect((await t.call('archiveSettings.setCutover', { before: '2026-11-03' })).filesReceived).toBe(2);
    const second = await filesByLoan(t.app);
    expect(second.A06).toEqual(first.A06);
    expect(second.A02).toMatchObject({ status: 'received', received_on: '2026-11-03' });
    expect((await events('cutover')).map((e) => e.loan_no)).toEqual(['A02', 'A03', 'A06']);
    // An earlier date later on only says what later imports do: no file goes back.
    expect((await t.call('archiveSettings.setCutover', { before: '2024-01-01' })).filesReceived).toBe(0);
    expect((await filesByLoan(t.app)).A02.status).toBe('received');
    expect((await t.call('archiveSettings.get')).cutoverDate).toBe('2024-01-01');
  });

  it('today is a cut-over date; a date after today is refused and changes nothing', async () => {
    const changes = await changeCount(t.app);
    await expect(t.call('archiveSettings.setCutover', { before: '2026-12-03' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: '切换日期 2026-12-03 晚于今天，不能设置。',
    });
    await expect(t.call('archiveSettings.setCutover', { before: '2026-02-30' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await changeCount(t.app)).toBe(changes);
    expect((await t.call('archiveSettings.get')).cutoverDate).toBeNull();
    expect((await t.call('archiveSettings.setCutover', { before: '2026-12-02' })).filesReceived).toBe(6);
  });
});
