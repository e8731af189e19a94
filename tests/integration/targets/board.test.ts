import { createHash } from 'node:crypto';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import type { RankingBoard } from '../../../electron/shared/api/targets';
import { pdfText } from '../../helpers/pdf-text';
import { makeTempDir } from '../../helpers/temp-dir';
import type { Call, Ids } from '../assignment/assignment-fixture';
import { boardBranch, NOV_EXPECTED, type StaffApp } from './targets-fixture';

let tmp: ReturnType<typeof makeTempDir>;
let s: StaffApp;
let ids: Ids;
let wang: Call;

beforeAll(async () => {
  tmp = makeTempDir();
  s = await boardBranch(tmp.file('ledger.sqlite'));
  ids = await s.ids();
  wang = await s.login('王经理', 'wang');
  // Contacts by each manager: 王经理 three in November (and one each in October and December), 李经理 one on the month's last minute.
  const contact = (staff: string, borrower: string, at: string) => ({
    borrower_id: ids.borrower(borrower),
    loan_id: null,
    contacted_at: at,
    way: 'phone' as const,
    reached: 'self' as const,
    outcome: '',
    promise_on: null,
    promise_fen: null,
    follow_up_on: null,
    note: '',
    staff_id: ids.staff(staff),
    sms_message_id: null,
  });
  await writerAs(s.app.db, { id: ids.staff('王经理'), name: '王经理' })((w) =>
    w.insertMany('contacts', [
      contact('王经理', 'C1', '2026-10-31 23:59'),
      contact('王经理', 'C1', '2026-11-01 00:00'),
      contact('王经理', 'C2', '2026-11-10 09:30'),
      contact('王经理', 'C3', '2026-11-20 15:00'),
      contact('王经理', 'C3', '2026-12-01 08:00'),
    ]),
  );
  await writerAs(s.app.db, { id: ids.staff('李经理'), name: '李经理' })((w) => w.insert('contacts', contact('李经理', 'C4', '2026-11-30 23:59')));
});
afterAll(async () => {
  await s.close();
  tmp.cleanup();
});

const row = (board: RankingBoard, name: string) => {
  const r = board.rows.find((x) => x.name === name);
  if (!r) throw new Error(`no row for ${name}`);
  return r;
};

describe('ranking board results', () => {
  it('agrees with a hand count: baseline before the month, settled, reassigned, fallen-but-overdue, rising balance', async () => {
    const board: RankingBoard = await s.call('targets.board', { month: '2026-11' });
    expect(board).toMatchObject({ baselineAsOf: '2026-10-31', endAsOf: '2026-11-30', noImport: false });
    expect(row(board, '王经理').results).toEqual({ ...NOV_EXPECTED['王经理'], contacts: 3 });
    expect(row(board, '李经理').results).toEqual({ ...NOV_EXPECTED['李经理'], contacts: 1 });
    expect(board.totals).toEqual({ recoveredPrincipalFen: 1_500_000, clearedLoans: 3, contacts: 4 });
  });

  it('credits the reassigned loan to the manager of the baseline snapshot, not the current one', async () => {
    const current = await s.app.db.selectFrom('current_loan_managers').select('manager_id').where('loan_id', '=', ids.loan('T3')).executeTakeFirstOrThrow();
    expect(current.manager_id).toBe(ids.staff('李经理'));
    const snapshots = await s.app.db.selectFrom('loan_snapshots').select(['as_of', 'manager_id']).where('loan_id', '=', ids.loan('T3')).orderBy('as_of').execute();
    expect(snapshots).toEqual([
      { as_of: '2026-10-15', manager_id: ids.staff('王经理') },
      { as_of: '2026-10-31', manager_id: ids.staff('王经理') },
      { as_of: '2026-11-15', manager_id: ids.staff('李经理') },
      { as_of: '2026-11-30', manager_id: ids.staff('李经理') },
    ]);
    const board: RankingBoard = await s.call('targets.board', { month: '2026-11' });
    // Were T3 credited to its current (or month-end) manager, 李经理 would have 3,000 yuan and 2 cleared.
    expect(row(board, '李经理').results.recoveredPrincipalFen).toBe(100_000);
    expect(row(board, '王经理').results.clearedLoans).toBe(2);
  });

  it('says plainly when the month has no import, still counting contacts', async () => {
    const dec: RankingBoard = await s.call('targets.board', { month: '2026-12' });
    expect(dec.noImport).toBe(true);
    expect(row(dec, '王经理').results).toEqual({ recoveredPrincipalFen: 0, clearedLoans: 0, contacts: 1 });
    const sep: RankingBoard = await s.call('targets.board', { month: '2026-09' });
    expect(sep).toMatchObject({ noImport: true, baselineAsOf: null, endAsOf: null });
  });

  it('a month with no import before it measures from its first import', async () => {
    const oct: RankingBoard = await s.call('targets.board', { month: '2026-10' });
    expect(oct).toMatchObject({ baselineAsOf: '2026-10-15', endAsOf: '2026-10-31', noImport: false });
    // From 10-15 to 10-31: T5 (李经理, overdue 30) fell 3,000 and was cured.
    expect(row(oct, '李经理').results).toMatchObject({ recoveredPrincipalFen: 300_000, clearedLoans: 1 });
    expect(row(oct, '王经理').results).toMatchObject({ recoveredPrincipalFen: 0, clearedLoans: 0, contacts: 1 });
    // No targets set for October: no scores, so the ranking goes by recovered principal.
    expect(oct.rows.map((r) => [r.rank, r.name, r.score])).toEqual([
      [1, '李经理', null],
      [2, '王经理', null],
    ]);
  });
});

describe('targets and ranking', () => {
  it('head/admin set targets (upsert); completion rates and the score rank the managers', async () => {
    await s.call('staff.create', { username: 'zhang', displayName: '张经理', password: 'pass-word-1', role: 'manager' });
    const zhang = (await s.ids()).staff('张经理');
    await s.call('targets.set', {
      month: '2026-11',
      targets: [
        { managerId: ids.staff('王经理'), recoveredPrincipalFen: 1_000_000, clearedLoans: 4, contacts: 6 },
        { managerId: ids.staff('李经理'), recoveredPrincipalFen: 100_000, clearedLoans: 1, contacts: 0 },
      ],
    });
    // Upsert: the second set replaces 王经理's recovered target, one row per (manager, month).
    await s.call('targets.set', { month: '2026-11', targets: [{ managerId: ids.staff('王经理'), recoveredPrincipalFen: 2_000_000, clearedLoans: 4, contacts: 6 }] });
    const stored = await s.app.db.selectFrom('manager_targets').selectAll().where('month', '=', '2026-11').execute();
    expect(stored).toHaveLength(2);

    const board: RankingBoard = await s.call('targets.board', { month: '2026-11' });
    const w = row(board, '王经理');
    expect(w.targets).toEqual({ recoveredPrincipalFen: 2_000_000, clearedLoans: 4, contacts: 6 });
    expect(w.rates.recoveredPrincipal).toBeCloseTo(0.7, 10);
    expect(w.rates.clearedLoans).toBeCloseTo(0.5, 10);
    expect(w.rates.contacts).toBeCloseTo(0.5, 10);
    expect(w.score).toBeCloseTo((0.7 + 0.5 + 0.5) / 3, 10);
    const li = row(board, '李经理');
    expect(li.targets.contacts).toBeNull();
    expect(li.rates.contacts).toBeNull();
    expect(li.score).toBeCloseTo(1, 10);
    expect(board.rows.map((r) => [r.rank, r.name])).toEqual([
      [1, '李经理'],
      [2, '王经理'],
      [3, '张经理'],
    ]);
    expect(row(board, '张经理')).toMatchObject({ managerId: zhang, score: null });
    expect(board.canSetTargets).toBe(true);
  });

  it('refuses an account manager setting targets (FORBIDDEN), and shows them the board read-only', async () => {
    await expect(
      wang('targets.set', { month: '2026-11', targets: [{ managerId: ids.staff('王经理'), recoveredPrincipalFen: 1, clearedLoans: 0, contacts: 0 }] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const board: RankingBoard = await wang('targets.board', { month: '2026-11' });
    expect(board.canSetTargets).toBe(false);
    expect(row(board, '王经理').targets.recoveredPrincipalFen).toBe(2_000_000);
  });

  it('refuses a bad month and negative targets', async () => {
    await expect(s.call('targets.board', { month: '2026-13' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      s.call('targets.set', { month: '2026-11', targets: [{ managerId: ids.staff('王经理'), recoveredPrincipalFen: -1, clearedLoans: 0, contacts: 0 }] }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('printing and export', () => {
  it('prints the board on A4 through the one PDF path and records the paper with its figures', async () => {
    const out = await wang('targets.print', { month: '2026-11' });
    expect(out).toMatchObject({ kind: 'file', file: { fileName: '2026年11月客户经理业绩排名.pdf', mimeType: 'application/pdf' } });
    const pdf = Buffer.from(out.file.contentBase64, 'base64');
    const text = pdfText(out.file.contentBase64, tmp.file('board.pdf'));
    expect(text).toContain('2026年11月客户经理业绩排名');
    expect(text).toContain('14,000.00');
    expect(text).toContain('收回逾期本金');
    const doc = await s.app.db.selectFrom('printed_documents').selectAll().where('kind', '=', 'ranking-board').executeTakeFirstOrThrow();
    expect(doc.actor_name).toBe('王经理');
    expect(doc.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    const figures = JSON.parse(doc.figures_json) as RankingBoard;
    expect(figures.rows.find((r) => r.name === '王经理')?.results).toEqual({ ...NOV_EXPECTED['王经理'], contacts: 3 });
  });

  it('exports the board as .xlsx with the definitions', async () => {
    const out = await s.call('targets.exportXlsx', { month: '2026-11' });
    const wb = XLSX.read(Buffer.from(out.contentBase64, 'base64'));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 });
    const wangRow = rows.find((r) => r[1] === '王经理')!;
    expect(wangRow[3]).toBe(14_000);
    expect(wangRow[6]).toBe(2);
    expect(rows.some((r) => String(r[0]).startsWith('收回逾期本金：'))).toBe(true);
  });
});
