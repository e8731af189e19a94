import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../electron/backend/changelog/actor';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import { cancelledError } from '../../../electron/backend/calls/cancelled';
import { useTempApp } from '../../helpers/temp-app';

const t = useTempApp();
const villages = async () => (await t.app.db.selectFrom('villages').select('name').execute()).map((v) => v.name);
const logged = async () => (await t.app.db.selectFrom('change_log').select('seq').execute()).length;

describe('a write whose call is cancelled', () => {
  it('stops at its next statement with the cancel as its error, and rolls back what it wrote before', async () => {
    const controller = new AbortController();
    const write = writerAs(t.app.db, SYSTEM_ACTOR, { signal: controller.signal });
    const before = await logged();
    let after: unknown = 'not reached';
    await expect(
      write(
        async (w) => {
          await w.insert('villages', { township: '白文镇', name: '城庄村', manager_id: null });
          controller.abort(cancelledError('c1'));
          after = await w.insert('villages', { township: '白文镇', name: '刘家会村', manager_id: null });
        },
        { cancellable: true },
      ),
    ).rejects.toMatchObject({ code: 'CANCELLED', userMessage: '已取消' });
    expect(after).toBe('not reached');
    expect(await villages()).toEqual([]);
    expect(await logged()).toBe(before);
  });

  it('does not start once cancelled; one not marked cancellable (a print voiding its numbers) still writes', async () => {
    const controller = new AbortController();
    controller.abort(cancelledError('c2'));
    const write = writerAs(t.app.db, SYSTEM_ACTOR, { signal: controller.signal });
    await expect(write((w) => w.insert('villages', { township: '白文镇', name: '城庄村', manager_id: null }), { cancellable: true })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    await write((w) => w.insert('villages', { township: '白文镇', name: '林家坪村', manager_id: null }));
    expect(await villages()).toEqual(['林家坪村']);
  });

  it('that comes after its last statement finds it committed', async () => {
    const controller = new AbortController();
    await writerAs(t.app.db, SYSTEM_ACTOR, { signal: controller.signal })(
      async (w) => {
        await w.insert('villages', { township: '白文镇', name: '南圪垛村', manager_id: null });
        controller.abort(cancelledError('c3'));
      },
      { cancellable: true },
    );
    expect(await villages()).toEqual(['南圪垛村']);
  });
});
