import { describe, expect, it } from 'vitest';
import { perTestCopy } from '../../helpers/per-test-copy';
import { archiveApp } from './archive-fixture';

const t = perTestCopy((file) => archiveApp(file));

const TYPE = (n: number) => `0a000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const 借款合同 = TYPE(7);
const 借据 = TYPE(8);
const 保证合同 = TYPE(9);
const 抵押合同 = TYPE(11);
const 质押合同 = TYPE(13);

async function row(loanNo: string) {
  const page = await t.call('archives.files', { search: loanNo, offset: 0, limit: 10 });
  return page.rows.find((r: { loanNo: string }) => r.loanNo === loanNo);
}

async function archiveTables() {
  const db = t.app.db;
  return {
    files: await db.selectFrom('archive_files').selectAll().orderBy('id').execute(),
    documents: await db.selectFrom('archive_documents').selectAll().orderBy('id').execute(),
    editors: await db.selectFrom('archive_file_editors').selectAll().orderBy('id').execute(),
    events: await db.selectFrom('archive_events').selectAll().orderBy('id').execute(),
  };
}

describe('the checklist grid', () => {
  it('shows each file the documents its guarantee types need, and nothing recorded yet', async () => {
    const page = await t.call('archives.files', { offset: 0, limit: 100 });
    expect(page.total).toBe(6);
    expect(page.docTypes).toHaveLength(15);
    const required = (loanNo: string) =>
      Object.entries(page.rows.find((r: { loanNo: string }) => r.loanNo === loanNo).cells)
        .filter(([, c]) => (c as { required: boolean }).required)
        .map(([id]) => id);
    expect(required('A01')).toHaveLength(10);
    expect(required('A01')).not.toContain(保证合同);
    expect(required('A02')).toEqual(expect.arrayContaining([保证合同, TYPE(10)]));
    expect(required('A03')).toEqual(expect.arrayContaining([抵押合同, TYPE(12)]));
    expect(required('A04')).toContain(质押合同);
    expect(required('A05')).toEqual(expect.arrayContaining([保证合同, 抵押合同]));
    expect(required('A05')).toHaveLength(14);
    const a01 = page.rows.find((r: { loanNo: string }) => r.loanNo === 'A01');
    expect(a01).toMatchObject({ status: 'collecting', missing: 10, pages: 0, dueOn: '2026-12-11', overdue: false, village: '刘家会村', manager: '王经理' });
  });

  it('filters by status, overdue, village, manager, disbursement month and loan number, and counts the whole selection', async () => {
    const count = async (q: object) => (await t.call('archives.files', { ...q, offset: 0, limit: 1 })).total;
    expect(await count({ status: 'overdue' })).toBe(3); // A02 (due 11-16), A03 (10-29), A06 (2024) — today is 2026-12-02
    expect(await count({ status: 'overdue', asOf: '2026-12-20' })).toBe(6);
    expect(await count({ disbursedMonth: '2026-11' })).toBe(4);
    expect(await count({ search: 'A0' })).toBe(6);
    expect(await count({ search: '孙' })).toBe(1);
    const summary = await t.call('archives.summary', {});
    expect(summary.byStatus.collecting).toBe(6);
    expect(summary.overdue).toBe(3);
    expect(summary.overdueByManager).toEqual([
      { managerId: expect.any(String), manager: '王经理', files: 2 },
      { managerId: expect.any(String), manager: '李经理', files: 1 },
    ]);
    const wang = summary.overdueByManager[0].managerId;
    expect(await count({ managerId: wang })).toBe(3);
    // The summary kept for an unchanged archive follows the next change.
    await t.as.clerk1('archives.fillDocuments', { fileIds: [t.files.A03], docTypeIds: 'required', state: 'present', submit: true });
    expect((await t.call('archives.summary', {})).byStatus).toMatchObject({ collecting: 5, awaiting_review: 1 });
    const overdue = await t.call('archives.overdue', { managerId: wang });
    expect(overdue.map((f: { loanNo: string; dueOn: string; status: string }) => [f.loanNo, f.dueOn, f.status])).toEqual([
      ['A03', '2026-10-29', 'awaiting_review'],
      ['A02', '2026-11-16', 'collecting'],
    ]);
  });
});

describe('filling a checklist', () => {
  it('sets cells with page counts, and refuses a change made on a stale copy', async () => {
    const a01 = await row('A01');
    const detail = await t.as.clerk1('archives.setDocuments', {
      fileId: a01.fileId,
      updatedAt: a01.updatedAt,
      cells: [
        { docTypeId: 借款合同, state: 'present', pages: 4 },
        { docTypeId: 借据, state: 'present', pages: 1 },
      ],
    });
    expect(detail.row).toMatchObject({ missing: 8, pages: 5 });
    expect(detail.editors).toEqual(['内勤甲']);
    const stale = t.as.rev1('archives.setDocuments', { fileId: a01.fileId, updatedAt: a01.updatedAt, cells: [{ docTypeId: 借据, state: 'missing' }] });
    await expect(stale).rejects.toMatchObject({ code: 'STALE_WRITE', message: expect.stringContaining('已被其他人修改') });
    // A state other than 有 drops the page count; 有 again without a count keeps none.
    const next = await t.as.clerk1('archives.setDocuments', { fileId: a01.fileId, updatedAt: detail.row.updatedAt, cells: [{ docTypeId: 借款合同, state: 'na' }] });
    expect(next.documents.find((d: { docTypeId: string }) => d.docTypeId === 借款合同)).toMatchObject({ state: 'na', pages: null, required: true });
    const log = await t.app.db.selectFrom('change_log').select(['actor_name', 'table_name']).where('table_name', '=', 'archive_documents').execute();
    expect(new Set(log.map((l) => l.actor_name))).toEqual(new Set(['内勤甲']));
  });

  it('refuses to submit an incomplete file, naming what is missing, and changes nothing', async () => {
    const a01 = await row('A01');
    const before = await archiveTables();
    await expect(t.as.clerk1('archives.submit', { fileIds: [a01.fileId] })).rejects.toMatchObject({
      code: 'ARCHIVE_INCOMPLETE',
      message: expect.stringContaining('借款申请书'),
    });
    expect(await archiveTables()).toEqual(before);
  });

  it('an account manager fills files of their own book only', async () => {
    const wang = await t.app.db.selectFrom('staff').select('id').where('display_name', '=', '王经理').executeTakeFirstOrThrow();
    await t.call('staff.setLogin', { staffId: wang.id, username: 'wang', password: 'pass-word-1' });
    const { signInAs } = await import('../../helpers/signed-in-app');
    const asWang = await signInAs(t.app, 'wang');
    await asWang('archives.fillDocuments', { fileIds: [t.files.A01], docTypeIds: 'required', state: 'present' });
    await expect(asWang('archives.fillDocuments', { fileIds: [t.files.A04], docTypeIds: 'required', state: 'present' })).rejects.toMatchObject({
      code: 'NOT_YOUR_BOOK',
    });
  });
});

describe('four-eyes review', () => {
  it('refuses the review to whoever edited or submitted the file, and lets another reviewer approve', async () => {
    await t.as.rev1('archives.fillDocuments', { fileIds: [t.files.A01], docTypeIds: 'required', state: 'present' });
    await t.as.clerk1('archives.submit', { fileIds: [t.files.A01] });
    const before = await archiveTables();
    for (const who of ['rev1', 'clerk1'] as const) {
      // clerk1 submitted it (and a clerk may not review at all); rev1 filled it.
      await expect(t.as[who]('archives.review', { fileIds: [t.files.A01], decision: 'approve' })).rejects.toMatchObject({
        code: who === 'rev1' ? 'FOUR_EYES' : 'FORBIDDEN',
      });
    }
    expect(await archiveTables()).toEqual(before);
    const rev1Refusal = await t.as.rev1('archives.review', { fileIds: [t.files.A01], decision: 'approve' }).catch((e: Error) => e.message);
    expect(rev1Refusal).toContain('四眼原则');
    await t.as.rev2('archives.review', { fileIds: [t.files.A01], decision: 'approve', note: '资料齐全' });
    const detail = await t.call('archives.file', { fileId: t.files.A01 });
    expect(detail.row.status).toBe('reviewed');
    expect(detail.events.map((e: { action: string; staffName: string }) => [e.action, e.staffName])).toEqual([
      ['submit', '内勤甲'],
      ['approve', '审查乙'],
    ]);
    expect(detail.editors).toEqual(['审查甲', '内勤甲']);
  });

  it('a file whose editor reviewed it in bulk with others is refused as a whole', async () => {
    await t.as.clerk1('archives.fillDocuments', { fileIds: [t.files.A01, t.files.A02], docTypeIds: 'required', state: 'present', submit: true });
    await t.as.rev1('archives.fillDocuments', { fileIds: [t.files.A03], docTypeIds: 'required', state: 'present', submit: true });
    await expect(t.as.rev1('archives.review', { fileIds: [t.files.A01, t.files.A03], decision: 'approve' })).rejects.toMatchObject({
      code: 'FOUR_EYES',
      message: expect.stringContaining('A03'),
    });
    const statuses = await t.app.db.selectFrom('archive_files').select('status').where('id', 'in', [t.files.A01, t.files.A03]).execute();
    expect(statuses.map((s) => s.status)).toEqual(['awaiting_review', 'awaiting_review']);
  });

  it('a returned file keeps its reasons, is edited and resubmitted, and goes to a reviewer who did not touch it', async () => {
    await t.as.clerk1('archives.fillDocuments', { fileIds: [t.files.A02], docTypeIds: 'required', state: 'present', submit: true });
    await expect(t.as.rev1('archives.review', { fileIds: [t.files.A02], decision: 'return' })).rejects.toThrow('退回时请写明原因');
    await t.as.rev1('archives.review', { fileIds: [t.files.A02], decision: 'return', note: '保证合同缺保证人签字' });
    expect((await row('A02')).statusNote).toBe('保证合同缺保证人签字');
    const a02 = await row('A02');
    await t.as.clerk1('archives.setDocuments', { fileId: a02.fileId, updatedAt: a02.updatedAt, cells: [{ docTypeId: 保证合同, state: 'present', pages: 3 }] });
    await t.as.clerk1('archives.submit', { fileIds: [t.files.A02] });
    expect((await row('A02')).statusNote).toBe('');
    await t.as.rev1('archives.review', { fileIds: [t.files.A02], decision: 'approve' });
    expect((await row('A02')).status).toBe('reviewed');
  });
});

describe('locked files and reopening', () => {
  it('a reviewed file cannot be changed until it is reopened with a reason, which its history keeps', async () => {
    await t.as.clerk1('archives.fillDocuments', { fileIds: [t.files.A01], docTypeIds: 'required', state: 'present', submit: true });
    await t.as.rev1('archives.review', { fileIds: [t.files.A01], decision: 'approve' });
    const a01 = await row('A01');
    await expect(t.as.clerk1('archives.setDocuments', { fileId: a01.fileId, updatedAt: a01.updatedAt, cells: [{ docTypeId: 借据, state: 'missing' }] })).rejects.toMatchObject({
      code: 'ARCHIVE_LOCKED',
      message: expect.stringContaining('重新打开'),
    });
    await expect(t.as.clerk1('archives.reopen', { fileId: a01.fileId, reason: '借据页数录错' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(t.as.rev2('archives.reopen', { fileId: a01.fileId, reason: '  ' })).rejects.toThrow('请填写重新打开的原因');
    const reopened = await t.as.rev2('archives.reopen', { fileId: a01.fileId, reason: '借据页数录错' });
    expect(reopened.row.status).toBe('collecting');
    expect(reopened.events.at(-1)).toMatchObject({ action: 'reopen', note: '借据页数录错', staffName: '审查乙' });
    await t.as.clerk1('archives.setDocuments', { fileId: a01.fileId, updatedAt: reopened.row.updatedAt, cells: [{ docTypeId: 借据, state: 'present', pages: 2 }] });
    const logged = await t.app.db
      .selectFrom('change_log')
      .select(['actor_name', 'after_json'])
      .where('table_name', '=', 'archive_events')
      .where('after_json', 'like', '%reopen%')
      .execute();
    expect(logged).toHaveLength(1);
    expect(logged[0].actor_name).toBe('审查乙');
  });

  it('a received file cannot be edited until reopened, and the reopening is logged with its reason', async () => {
    await t.call('archiveSettings.setCutover', { before: '2025-01-01' });
    const a06 = await row('A06');
    expect(a06).toMatchObject({ status: 'received', backlog: true });
    const before = await archiveTables();
    await expect(t.as.clerk1('archives.setDocuments', { fileId: a06.fileId, updatedAt: a06.updatedAt, cells: [{ docTypeId: 借据, state: 'present' }] })).rejects.toMatchObject({
      code: 'ARCHIVE_LOCKED',
      message: expect.stringContaining('已签收的档案不能修改'),
    });
    await expect(t.as.clerk1('archives.fillDocuments', { fileIds: [a06.fileId], docTypeIds: 'required', state: 'present' })).rejects.toMatchObject({ code: 'ARCHIVE_LOCKED' });
    expect(await archiveTables()).toEqual(before);
    await t.as.head1('archives.reopen', { fileId: a06.fileId, reason: '总行要求补充放款凭证' });
    const reopened = await row('A06');
    expect(reopened).toMatchObject({ status: 'collecting', backlog: false });
    const entry = await t.app.db
      .selectFrom('change_log')
      .select(['actor_name', 'after_json'])
      .where('table_name', '=', 'archive_events')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.actor_name).toBe('支行长甲');
    expect(JSON.parse(entry.after_json!)).toMatchObject({ action: 'reopen', note: '总行要求补充放款凭证' });
    await t.as.clerk1('archives.setDocuments', { fileId: a06.fileId, updatedAt: reopened.updatedAt, cells: [{ docTypeId: 借据, state: 'present' }] });
  });
});

describe('finding a file by its label', () => {
  it('finds a file by the loan number a scanner types, and says plainly when there is none', async () => {
    expect(await t.call('archives.findByLoanNo', { loanNo: 'ａ０３' })).toEqual({ fileId: t.files.A03, loanNo: 'A03' });
    await expect(t.call('archives.findByLoanNo', { loanNo: 'Z99' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: '没有借据号为“Z99”的档案。' });
  });
});
