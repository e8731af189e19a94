import { describe, expect, it } from 'vitest';
import { perTestCopy } from '../../helpers/per-test-copy';
import { archiveApp, ARCHIVE_LOANS, importArchiveLoans } from './archive-fixture';

const t = perTestCopy((file) => archiveApp(file));

describe('archive files opened by imports', () => {
  it('opens a file being collected for every loan of the import, due 10 working days after disbursement', async () => {
    const files = await t.app.db
      .selectFrom('archive_files as f')
      .innerJoin('loans as l', 'l.id', 'f.loan_id')
      .select(['l.loan_no', 'f.disbursed_on', 'f.due_on', 'f.status', 'f.backlog'])
      .orderBy('l.loan_no')
      .execute();
    expect(files.map((f) => f.loan_no)).toEqual(ARCHIVE_LOANS.map((l) => l.loanNo));
    expect(files[0]).toEqual({ loan_no: 'A01', disbursed_on: '2026-11-27', due_on: '2026-12-11', status: 'collecting', backlog: 0 });
    expect(new Set(files.map((f) => f.status))).toEqual(new Set(['collecting']));
  });

  it('a disbursement date the core system corrects moves the date and deadline of a file still at the branch', async () => {
    const file = () =>
      t.app.db
        .selectFrom('archive_files as f')
        .innerJoin('loans as l', 'l.id', 'f.loan_id')
        .select(['f.disbursed_on', 'f.due_on'])
        .where('l.loan_no', '=', 'A01')
        .executeTakeFirstOrThrow();
    expect(await file()).toEqual({ disbursed_on: '2026-11-27', due_on: '2026-12-11' });
    await importArchiveLoans(
      t.call,
      ARCHIVE_LOANS.map((l) => (l.loanNo === 'A01' ? { ...l, disbursedOn: '2026-11-02' } : l)),
      '2026-12-01',
    );
    // 10 working days after 11-02: overdue since 11-16, listed as such.
    expect(await file()).toEqual({ disbursed_on: '2026-11-02', due_on: '2026-11-16' });
    expect((await t.call('archives.overdue', {})).map((f: { loanNo: string }) => f.loanNo)).toContain('A01');
  });

  it('a later import opens files for new loans only, and a cut-over makes older new loans received', async () => {
    // The cut-over marks the one file already open of a loan disbursed before it (A06, 2024) received.
    expect(await t.call('archiveSettings.setCutover', { before: '2025-01-01' })).toEqual({ cutoverDate: '2025-01-01', filesReceived: 1 });
    const before = await t.app.db.selectFrom('archive_files').select(['id', 'updated_at']).execute();
    const more = [
      ...ARCHIVE_LOANS,
      { loanNo: 'A07', name: '冯十一', village: '城庄村' as const, product: '安心贷', guarantee: '信用', disbursedOn: '2024-05-06', manager: '李经理' as const },
      { loanNo: 'A08', name: '陈十二', village: '城庄村' as const, product: '安心贷', guarantee: '信用', disbursedOn: '2026-11-30', manager: '李经理' as const },
    ];
    await importArchiveLoans(t.call, more, '2026-12-01');
    const after = await t.app.db
      .selectFrom('archive_files as f')
      .innerJoin('loans as l', 'l.id', 'f.loan_id')
      .select(['l.loan_no', 'f.id', 'f.updated_at', 'f.status', 'f.backlog', 'f.received_on'])
      .orderBy('l.loan_no')
      .execute();
    expect(after).toHaveLength(8);
    for (const b of before) expect(after.find((a) => a.id === b.id)?.updated_at).toBe(b.updated_at);
    expect(after.find((a) => a.loan_no === 'A06')).toMatchObject({ status: 'received', backlog: 1, received_on: '2025-01-01' });
    expect(after.find((a) => a.loan_no === 'A07')).toMatchObject({ status: 'received', backlog: 1, received_on: '2025-01-01' });
    expect(after.find((a) => a.loan_no === 'A08')).toMatchObject({ status: 'collecting', backlog: 0, received_on: null });
  });
});
