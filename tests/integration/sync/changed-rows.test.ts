import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../electron/backend/changelog/actor';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import { changedRows } from '../../../electron/backend/sync/changed-rows';
import { useTempApp } from '../../helpers/temp-app';

const t = useTempApp();

const tableOf = (r: Awaited<ReturnType<typeof changedRows>>, table: string) => r.tables.find((x) => x.table === table)?.rows ?? [];

describe('changed rows for a sync package', () => {
  it('gives the current image of each changed row of the owner’s tables once, tombstones for deleted ones, and nothing of others', async () => {
    const write = writerAs(t.app.db, SYSTEM_ACTOR);
    const start = (await changedRows(t.app.db, 'branch', 0)).upToSeq;

    const clerk = await write((w) => w.insert('staff', { username: 'clerk1', display_name: '内勤甲', role: 'clerk', password_hash: 'scrypt$secret', active: 1 }));
    await write((w) => w.update('staff', clerk, { display_name: '内勤乙' }));
    const [logA, logB] = await write((w) =>
      w.insertBulk('export_log', [
        { kind: 'register-xlsx', scope: '刘家会村', ids_masked: 1, rows: 12, actor_id: null, actor_name: '系统' },
        { kind: 'register-xlsx', scope: '王家岔村', ids_masked: 0, rows: 30, actor_id: null, actor_name: '系统' },
      ]),
    );
    const holiday = await write((w) => w.insert('calendar_days', { day: '2027-01-01', kind: 'holiday', name: '元旦' }));

    const up = await changedRows(t.app.db, 'branch', start);
    expect(up.tables.map((x) => x.table).sort()).toEqual(['export_log', 'staff']);
    expect(tableOf(up, 'staff')).toEqual([expect.objectContaining({ id: clerk.id, username: 'clerk1', display_name: '内勤乙', role: 'clerk' })]);
    expect(tableOf(up, 'staff')[0]).not.toHaveProperty('password_hash');
    expect(tableOf(up, 'export_log').map((r) => r.id).sort()).toEqual([logA, logB].sort());
    expect(up.rows).toBe(3);

    const down = await changedRows(t.app.db, 'hq', start);
    expect(down.tables).toEqual([{ table: 'calendar_days', rows: [expect.objectContaining({ id: holiday.id, day: '2027-01-01', name: '元旦' })] }]);

    // Nothing after the seq read; then a delete is a tombstone.
    expect((await changedRows(t.app.db, 'branch', up.upToSeq)).tables).toEqual([]);
    await write((w) => w.delete('calendar_days', holiday));
    expect((await changedRows(t.app.db, 'hq', up.upToSeq)).tables).toEqual([{ table: 'calendar_days', rows: [{ id: holiday.id, _deleted: true }] }]);
  });

  it('sends only the rows its rule lets travel: a local phone correction, not the core system’s numbers nor the borrower', async () => {
    const write = writerAs(t.app.db, SYSTEM_ACTOR);
    const start = (await changedRows(t.app.db, 'branch', 0)).upToSeq;
    const borrower = await write((w) =>
      w.insert('borrowers', { customer_no: 'C001', resident_id: null, name: '刘建国', name_initials: 'ljg', gender: null, birth_date: null, village_id: null, address: '' }),
    );
    const [core, local] = await write((w) =>
      w.insertBulk('borrower_phones', [
        { borrower_id: borrower.id, phone: '13800000001', note: '', verified_on: null, source: 'core', core_value: '13800000001' },
        { borrower_id: borrower.id, phone: '13900000002', note: '本人新号', verified_on: '2026-12-01', source: 'local', core_value: null },
      ]),
    );
    const up = await changedRows(t.app.db, 'branch', start);
    expect(up.tables).toEqual([{ table: 'borrower_phones', rows: [expect.objectContaining({ id: local, phone: '13900000002', source: 'local' })] }]);
    expect(JSON.stringify(up)).not.toContain(core);
  });
});
