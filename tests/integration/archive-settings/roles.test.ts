import { describe, expect, it } from 'vitest';
import { perTestCopy } from '../../helpers/per-test-copy';
import { archiveApp } from '../archives/archive-fixture';
import { changeCount, filesByLoan } from './archive-settings-files';

const t = perTestCopy((file) => archiveApp(file));

const WRITES: Array<[string, unknown]> = [
  ['archiveSettings.saveDocType', { name: '收入证明' }],
  ['archiveSettings.saveRule', { docTypeId: '0a000000-0000-7000-8000-000000000001', product: '安心贷', required: false }],
  ['archiveSettings.setDeadlineDays', { days: 5 }],
  ['archiveSettings.saveCalendarDay', { day: '2026-12-07', kind: 'holiday', name: '' }],
  ['archiveSettings.setCutover', { before: '2026-11-21' }],
];

describe('who may change the archive settings', () => {
  it('a clerk and a reviewer are refused every change, and nothing changes', async () => {
    const settings = await t.call('archiveSettings.get');
    const files = await filesByLoan(t.app);
    const changes = await changeCount(t.app);
    for (const as of [t.as.clerk1, t.as.rev1]) {
      for (const [name, args] of WRITES) await expect(as(name, args), name).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await t.call('archiveSettings.get')).toEqual(settings);
    expect(await filesByLoan(t.app)).toEqual(files);
    expect(await changeCount(t.app)).toBe(changes);
  });

  it('the branch head may make each of them, recorded as the head', async () => {
    const since = (await t.app.db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq ?? 0;
    for (const [name, args] of WRITES) await t.as.head1(name, args);
    const view = await t.call('archiveSettings.get');
    expect(view).toMatchObject({ deadlineDays: 5, cutoverDate: '2026-11-21', calendar: [expect.objectContaining({ day: '2026-12-07' })] });
    expect(view.docTypes.at(-1).name).toBe('收入证明');
    expect(view.rules.some((r: { product: string }) => r.product === '安心贷')).toBe(true);
    const logged = await t.app.db
      .selectFrom('change_log as c')
      .innerJoin('staff as s', 's.id', 'c.actor_id')
      .select(['s.username', 'c.table_name'])
      .where('c.seq', '>', since)
      .execute();
    expect(new Set(logged.map((e) => e.username))).toEqual(new Set(['head1']));
    expect(new Set(logged.map((e) => e.table_name))).toEqual(new Set(['archive_doc_types', 'archive_doc_rules', 'settings', 'calendar_days', 'archive_files', 'archive_events']));
  });
});
