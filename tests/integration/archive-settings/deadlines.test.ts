import { describe, expect, it } from 'vitest';
import { archiveDueOn } from '../../../electron/backend/archives/archive-calendar';
import { perTestCopy } from '../../helpers/per-test-copy';
import { archiveApp, ARCHIVE_LOANS, importArchiveLoans } from '../archives/archive-fixture';
import { filesByLoan } from './archive-settings-files';

const t = perTestCopy((file) => archiveApp(file));

// The fixture's open deadlines (10 working days): A01 from Friday 27 Nov to Friday 11 Dec, A05
// from Wednesday 25 Nov to Wednesday 9 Dec, A04 from Friday 20 Nov to Friday 4 Dec.
describe('deadlines follow the calendar', () => {
  it('a holiday moves the deadlines it falls within, and only those; removing it moves them back', async () => {
    const before = await filesByLoan(t.app);
    expect([before.A01.due_on, before.A05.due_on, before.A04.due_on]).toEqual(['2026-12-11', '2026-12-09', '2026-12-04']);

    const added = await t.call('archiveSettings.saveCalendarDay', { day: '2026-12-07', kind: 'holiday', name: '支行停业' });
    expect(added.filesRescheduled).toBe(2);
    expect(added.calendar).toEqual([expect.objectContaining({ day: '2026-12-07', kind: 'holiday', name: '支行停业' })]);
    const after = await filesByLoan(t.app);
    expect([after.A01.due_on, after.A05.due_on, after.A04.due_on]).toEqual(['2026-12-14', '2026-12-10', '2026-12-04']);
    for (const no of ['A02', 'A03', 'A04', 'A06']) expect(after[no].updated_at).toBe(before[no].updated_at);

    const removed = await t.call('archiveSettings.saveCalendarDay', { day: '2026-12-07', kind: null });
    expect(removed).toMatchObject({ filesRescheduled: 2, calendar: [] });
    const back = await filesByLoan(t.app);
    expect([back.A01.due_on, back.A05.due_on]).toEqual(['2026-12-11', '2026-12-09']);
  });

  it('a weekend day worked brings deadlines forward; a weekday cannot be one', async () => {
    const worked = await t.call('archiveSettings.saveCalendarDay', { day: '2026-12-05', kind: 'workday', name: '调休上班' });
    expect(worked.filesRescheduled).toBe(2);
    const files = await filesByLoan(t.app);
    expect([files.A01.due_on, files.A05.due_on]).toEqual(['2026-12-10', '2026-12-08']);
    await expect(t.call('archiveSettings.saveCalendarDay', { day: '2026-12-04', kind: 'workday', name: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('the calendar is listed by date, and a day saved again changes kind and name', async () => {
    await t.call('archiveSettings.saveCalendarDay', { day: '2026-10-10', kind: 'workday', name: '国庆调休' });
    await t.call('archiveSettings.saveCalendarDay', { day: '2026-10-01', kind: 'holiday', name: '国庆' });
    const view = await t.call('archiveSettings.saveCalendarDay', { day: '2026-10-01', kind: 'holiday', name: '国庆节' });
    expect(view.calendar.map((d: { day: string; kind: string; name: string }) => [d.day, d.kind, d.name])).toEqual([
      ['2026-10-01', 'holiday', '国庆节'],
      ['2026-10-10', 'workday', '国庆调休'],
    ]);
    // A03 was disbursed after both: nothing moves.
    expect(view.filesRescheduled).toBe(0);
  });

  it('a new deadline in working days reschedules every file not yet handed over, the backlog keeps its own', async () => {
    await t.call('archiveSettings.setCutover', { before: '2025-01-01' });
    const before = await filesByLoan(t.app);
    const view = await t.call('archiveSettings.setDeadlineDays', { days: 5 });
    expect(view).toMatchObject({ deadlineDays: 5, filesRescheduled: 5 });
    const after = await filesByLoan(t.app);
    const cal = { deadlineDays: 5, holidays: new Set<string>(), workdays: new Set<string>() };
    for (const l of ARCHIVE_LOANS.filter((x) => x.loanNo !== 'A06')) expect(after[l.loanNo].due_on).toBe(archiveDueOn(cal, l.disbursedOn));
    expect(after.A01.due_on).toBe('2026-12-04');
    expect(after.A06).toEqual(before.A06);
    expect((await t.call('archiveSettings.get')).deadlineDays).toBe(5);
    expect(await t.app.db.selectFrom('settings').select('value').where('key', '=', 'archive_deadline_days').executeTakeFirst()).toEqual({ value: '5' });
    // The same again changes nothing.
    expect((await t.call('archiveSettings.setDeadlineDays', { days: 5 })).filesRescheduled).toBe(0);
  });

  it('files opened by a later import take the calendar as set', async () => {
    await t.call('archiveSettings.saveCalendarDay', { day: '2026-12-07', kind: 'holiday', name: '' });
    await importArchiveLoans(
      t.call,
      [...ARCHIVE_LOANS, { loanNo: 'A07', name: '冯十一', village: '城庄村', product: '安心贷', guarantee: '信用', disbursedOn: '2026-11-30', manager: '李经理' }],
      '2026-12-01',
    );
    // 1, 2, 3, 4 Dec, (7th a holiday), 8, 9, 10, 11, 14, 15 Dec.
    expect((await filesByLoan(t.app)).A07.due_on).toBe('2026-12-15');
  });
});
