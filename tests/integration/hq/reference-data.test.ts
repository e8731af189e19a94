import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/backend/app-context';
import { callRpc } from '../../../electron/backend/cli/call-rpc';
import { cli } from '../../helpers/cli-in-process';
import { ok, pairedBranch, readBranch } from '../../helpers/hq-branch-fixture';
import { createHqTestDatabase, type HqTestDatabase } from '../../helpers/hq-database';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let pgdb: HqTestDatabase;
let db: string;

const onBranch = <T>(fn: (app: AppContext) => Promise<T>): Promise<T> => readBranch(db, fn);

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  tmp = makeTempDir();
  pgdb = await createHqTestDatabase();
  await ok('hq', 'init', '--dir', tmp.file('hq'));
  const branch = await pairedBranch(tmp.file('101'), '101', '一支行', tmp.file('hq/hq-identity.json'), 200, 3);
  db = branch.db;
  await ok('hq', 'register', '--dir', tmp.file('hq'), '--branch-identity', branch.identity, '--pg', pgdb.url);
});
afterAll(async () => {
  await pgdb.drop();
  tmp.cleanup();
});

describe('reference data from head office', () => {
  it('replaces the branch’s own rows by their natural key, moves the deadlines a holiday moves, and from then on is head office’s to change; a notice to the branch shows on its 同步 page', async () => {
    // Before head office sends any, the branch keeps its own holidays.
    await onBranch((app) => callRpc(app, 'admin', 'archiveSettings.saveCalendarDay', { day: '2026-12-31', kind: 'holiday', name: '支行自定' }));
    const before = await onBranch(async (app) => ({
      own: await app.db.selectFrom('calendar_days').selectAll().where('day', '=', '2026-12-31').executeTakeFirstOrThrow(),
      // An open file and a weekday inside its deadline window that is not a holiday yet.
      file: await app.db.selectFrom('archive_files').select(['id', 'disbursed_on', 'due_on']).where('status', '=', 'collecting').orderBy('due_on', 'desc').limit(1).executeTakeFirstOrThrow(),
      days: new Set((await app.db.selectFrom('calendar_days').select('day').execute()).map((d) => d.day)),
    }));
    let holiday = nextDay(before.file.disbursed_on);
    while (weekday(holiday) === 0 || weekday(holiday) === 6 || before.days.has(holiday)) holiday = nextDay(holiday);
    expect(holiday <= before.file.due_on).toBe(true);

    const rows = tmp.file('calendar.json');
    writeFileSync(rows, JSON.stringify([
      { day: '2026-12-31', kind: 'holiday', name: '元旦前夕' },
      { day: holiday, kind: 'holiday', name: '总行假日' },
    ]));
    const sent = await ok('hq', 'reference', '--dir', tmp.file('hq'), '--pg', pgdb.url, '--table', 'calendar_days', '--file', rows);
    expect(sent).toEqual({ table: 'calendar_days', branches: ['101'], rows: 2, changed: 2 });
    // The same rows again change nothing; a bad row is refused with its line.
    expect((await ok('hq', 'reference', '--dir', tmp.file('hq'), '--pg', pgdb.url, '--table', 'calendar_days', '--file', rows)).changed).toBe(0);
    writeFileSync(tmp.file('bad.json'), JSON.stringify([{ day: '2026-02-30', kind: 'holiday' }]));
    const bad = await cli('hq', 'reference', '--dir', tmp.file('hq'), '--pg', pgdb.url, '--table', 'calendar_days', '--file', tmp.file('bad.json'), '--json');
    expect(bad.json.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('第 1 行') });

    // A notice to every branch travels in the same package.
    expect(await ok('hq', 'message', '--dir', tmp.file('hq'), '--pg', pgdb.url, '--title', '年末对账', '--text', '请于 12 月 31 日前\n完成对账。', '--as', '总行办公室')).toEqual({ branches: ['101'], title: '年末对账' });
    const pkg = await ok('hq', 'export', '--dir', tmp.file('hq'), '--pg', pgdb.url, '--branch', '101', '--out', tmp.file('usb'));
    expect(pkg.rows).toBe(3);
    expect((await ok('sync', 'apply', pkg.package, '--db', db)).status).toBe('applied');

    const after = await onBranch(async (app) => ({
      own: await app.db.selectFrom('calendar_days').selectAll().where('day', '=', '2026-12-31').executeTakeFirstOrThrow(),
      added: await app.db.selectFrom('calendar_days').selectAll().where('day', '=', holiday).executeTakeFirst(),
      file: await app.db.selectFrom('archive_files').select('due_on').where('id', '=', before.file.id).executeTakeFirstOrThrow(),
    }));
    expect(after.own).toMatchObject({ id: before.own.id, name: '元旦前夕' });
    expect(after.added).toMatchObject({ kind: 'holiday', name: '总行假日' });
    expect(after.file.due_on > before.file.due_on).toBe(true);
    const status = await onBranch((app) => callRpc(app, 'admin', 'sync.status', {}));
    expect(status.messages).toEqual([{ id: expect.any(String), title: '年末对账', body: '请于 12 月 31 日前\n完成对账。', sentBy: '总行办公室', sentOn: '2026-12-02' }]);

    // Now the calendar is head office's: the branch's edit is refused, its document types are still its own.
    await expect(onBranch((app) => callRpc(app, 'admin', 'archiveSettings.saveCalendarDay', { day: '2027-01-04', kind: 'holiday', name: '' }))).rejects.toMatchObject({ code: 'HQ_OWNED' });
    await onBranch((app) => callRpc(app, 'admin', 'archiveSettings.saveDocType', { name: '支行自加资料' }));
  });

  it('sends document rules naming their type by name, only for a type it has sent, applied before the rule in one package', async () => {
    const hq = ['--dir', tmp.file('hq'), '--pg', pgdb.url];
    writeFileSync(tmp.file('rules.json'), JSON.stringify([{ doc_type_name: '总行规定资料', guarantee_type: '抵押', required: 1 }]));
    writeFileSync(tmp.file('types.json'), JSON.stringify([{ name: '总行规定资料', sort_order: 500 }]));
    const early = await cli('hq', 'reference', ...hq, '--table', 'archive_doc_rules', '--file', tmp.file('rules.json'), '--json');
    expect(early.json.error).toMatchObject({ code: 'UNKNOWN_DOC_TYPE', message: expect.stringContaining('总行规定资料') });
    await ok('hq', 'reference', ...hq, '--table', 'archive_doc_types', '--file', tmp.file('types.json'));
    await ok('hq', 'reference', ...hq, '--table', 'archive_doc_rules', '--file', tmp.file('rules.json'));

    const pkg = await ok('hq', 'export', ...hq, '--branch', '101', '--out', tmp.file('usb'));
    // Head office has no acknowledgement of package 1 yet (the branch has sent nothing since): it goes again with the new rows.
    expect(pkg).toMatchObject({ seq: 2, rows: 5 });
    expect((await ok('sync', 'apply', pkg.package, '--db', db)).status).toBe('applied');
    const rule = await onBranch((app) =>
      app.db
        .selectFrom('archive_doc_rules as r')
        .innerJoin('archive_doc_types as t', 't.id', 'r.doc_type_id')
        .select(['t.name', 't.sort_order', 'r.product', 'r.guarantee_type', 'r.required'])
        .where('t.name', '=', '总行规定资料')
        .execute(),
    );
    expect(rule).toEqual([{ name: '总行规定资料', sort_order: 500, product: '', guarantee_type: '抵押', required: 1 }]);
    const typeId = await onBranch(async (app) => (await app.db.selectFrom('archive_doc_types').select('id').where('name', '=', '总行规定资料').executeTakeFirstOrThrow()).id);
    await expect(onBranch((app) => callRpc(app, 'admin', 'archiveSettings.saveRule', { docTypeId: typeId, product: '', guaranteeType: '信用', required: true }))).rejects.toMatchObject({ code: 'HQ_OWNED' });
  });
});
