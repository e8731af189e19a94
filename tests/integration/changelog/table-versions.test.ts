import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../electron/backend/changelog/actor';
import { tablesVersion } from '../../../electron/backend/changelog/table-versions';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import { useTempApp } from '../../helpers/temp-app';

const t = useTempApp();

describe('table versions', () => {
  it('move for the tables a write touched, to its newest change-log entry, and for no other', async () => {
    const write = writerAs(t.app.db, SYSTEM_ACTOR);
    const village = await write((w) => w.insert('villages', { township: '白文镇', name: '刘家会村', manager_id: null }));
    const villages = await tablesVersion(t.app.db, ['villages']);
    const newest = async () => Number((await t.app.db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('s')).executeTakeFirstOrThrow()).s);
    expect(villages).toBe(await newest());

    const borrower = await write((w) => w.insert('borrowers', { customer_no: 'C1', resident_id: null, name: '张三', name_initials: 'zs', gender: null, birth_date: null, village_id: village.id, address: '' }));
    expect(await tablesVersion(t.app.db, ['villages'])).toBe(villages);
    const borrowers = await tablesVersion(t.app.db, ['borrowers']);
    expect(borrowers).toBe(await newest());
    expect(await tablesVersion(t.app.db, ['villages', 'borrowers'])).toBe(borrowers);

    await write((w) => w.update('borrowers', borrower, { address: '刘家会村1组' }));
    expect(await tablesVersion(t.app.db, ['borrowers'])).toBeGreaterThan(borrowers);
    expect(await tablesVersion(t.app.db, ['villages'])).toBe(villages);
    expect(await tablesVersion(t.app.db, ['contacts'])).toBe(0);
  });

  it('roll back with the write they belong to', async () => {
    const write = writerAs(t.app.db, SYSTEM_ACTOR);
    const before = await tablesVersion(t.app.db, ['villages']);
    await expect(
      write(async (w) => {
        await w.insert('villages', { township: '白文镇', name: '城庄村', manager_id: null });
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await tablesVersion(t.app.db, ['villages'])).toBe(before);
  });
});
