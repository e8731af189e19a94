import { readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../electron/backend/seeded-random';
import { cli } from '../../helpers/cli-in-process';
import { coreExport, ok, pairedBranch, readBranch, type TestBranch } from '../../helpers/hq-branch-fixture';
import { createHqTestDatabase, type HqTestDatabase } from '../../helpers/hq-database';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let pgdb: HqTestDatabase;
beforeAll(async () => {
  tmp = makeTempDir();
  pgdb = await createHqTestDatabase();
});
afterAll(async () => {
  await pgdb?.drop();
  tmp?.cleanup();
});

interface Sent {
  branch: string;
  seq: number;
  file: string;
}

/** What `hq ingest` of one package says, worked out from what head office has taken in so far (per branch: applied up to, held). */
function expectedIngest(p: Sent, applied: Map<string, number>, held: Map<string, Set<number>>) {
  const upTo = applied.get(p.branch) ?? 0;
  const waiting = held.get(p.branch) ?? new Set<number>();
  held.set(p.branch, waiting);
  if (p.seq <= upTo || waiting.has(p.seq)) return { applied: 0, skipped: 1, held: 0, refused: [] };
  if (p.seq > upTo + 1) {
    waiting.add(p.seq);
    return { applied: 0, skipped: 0, held: 1, refused: [] };
  }
  let next = p.seq;
  while (waiting.delete(next + 1)) next++;
  applied.set(p.branch, next);
  return { applied: next - p.seq + 1, skipped: 0, held: 0, refused: [] };
}

/** The figures head office's report gives for a branch, counted in the branch's own database. */
async function countedAtBranch(b: TestBranch) {
  return readBranch(b.db, async (app) => {
    const one = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(app.db)).rows[0].n);
    const byStatus = await sql<{ status: string; n: number }>`select status, count(*) as n from archive_files group by status`.execute(app.db);
    const latest = await sql<{ as_of: string }>`select max(as_of) as as_of from imports`.execute(app.db);
    return {
      code: b.code,
      asOf: latest.rows[0].as_of,
      loans: await one(sql`select count(*) as n from loans where status = 'active'`),
      overdueLoans: await one(sql`select count(*) as n from loans where status = 'active' and principal_overdue_days > 0`),
      notices: await one(sql`select count(*) as n from notices where status = 'issued'`),
      receipts: await one(sql`select count(*) as n from notices where status = 'issued' and receipt_on is not null`),
      archiveByStatus: Object.fromEntries(byStatus.rows.map((r) => [r.status, Number(r.n)])),
    };
  });
}

/** A village of the branch with few overdue loans (a short PDF) whose name is its own (notices issue takes a village by name). */
async function villageWithOverdue(b: TestBranch): Promise<string> {
  const rows = await readBranch(b.db, (app) =>
    sql<{ name: string }>`
      select v.name from loans l join borrowers b on b.id = l.borrower_id join villages v on v.id = b.village_id
      where l.status = 'active' and l.principal_overdue_days > 0 and v.name in (select name from villages group by name having count(*) = 1)
      group by v.id order by count(*), v.name limit 1`.execute(app.db),
  );
  return rows.rows[0].name;
}

const loanNosWhere = (b: TestBranch, condition: string, limit: number) =>
  readBranch(b.db, async (app) =>
    (await sql<{ loan_no: string }>`select l.loan_no from loans l left join archive_files f on f.loan_id = l.id where ${sql.raw(condition)} order by l.loan_no limit ${limit}`.execute(app.db)).rows.map((r) => r.loan_no),
  );

interface BranchWork {
  branch: TestBranch;
  packages: Sent[];
  batch: string;
  batchLoans: string[];
}

/**
 * A branch's three packages, with work between them: the core system's export imported (the book
 * head office reports) and overdue notices issued; a notice's receipt and a hand-over batch of
 * reviewed files; two more files filled in and sent to review.
 */
async function branchSendsThree(b: TestBranch): Promise<BranchWork> {
  const usb = tmp.file(`usb-${b.code}`);
  const packages: Sent[] = [];
  const send = async () => {
    const out = await ok('sync', 'export', '--db', b.db, '--out', usb);
    expect(out.seq).toBe(packages.length + 1);
    packages.push({ branch: b.code, seq: out.seq, file: out.package });
  };

  // The core system's export a day after the demo's: two more loans have fallen overdue.
  const falling = await loanNosWhere(b, "l.status = 'active' and l.principal_overdue_days = 0", 2);
  const core = tmp.file(`${b.code}-core.csv`);
  await coreExport(b.db, core, Object.fromEntries(falling.map((no) => [no, 45])));
  expect((await ok('import', core, '--db', b.db, '--as-of', '2026-12-01')).updated).toBe(2);
  const issued = await ok('notices', 'issue', '--db', b.db, '--type', 'overdue', '--village', await villageWithOverdue(b), '--out', tmp.file(`${b.code}-notices.pdf`));
  expect(issued.issued).toBeGreaterThan(0);
  await send();

  await ok('notices', 'receipt', issued.numbers[0], '--db', b.db, '--signer', '本人');
  const [batchLoans, later] = [await loanNosWhere(b, "f.status = 'collecting'", 5)].map((l) => [l.slice(0, 3), l.slice(3)])[0];
  await ok('archive', 'set', '--db', b.db, '--loans', batchLoans.join(','), '--complete', '--as', 'clerk1');
  await ok('archive', 'review', '--db', b.db, '--loans', batchLoans.join(','), '--as', 'rev1');
  const handed = await ok('archive', 'handover', '--db', b.db, '--loans', batchLoans.join(','), '--out', tmp.file(`${b.code}-manifest.json`), '--as', 'clerk1');
  await send();

  await ok('archive', 'set', '--db', b.db, '--loans', later.join(','), '--complete', '--as', 'clerk1');
  await send();
  return { branch: b, packages, batch: handed.batch, batchLoans };
}

describe('head office and two branches, by files', () => {
  it('takes in six packages in a shuffled order with a duplicate, sends an archive receipt back, and both sides count alike', async () => {
    const hqDir = tmp.file('hq');
    const hq = ['--dir', hqDir, '--pg', pgdb.url];
    const { identity } = await ok('hq', 'init', '--dir', hqDir);
    // The branches work side by side, as they do (each on its own database file).
    const [a, b] = await Promise.all([
      pairedBranch(tmp.file('a'), '880110', '白文支行', identity, 120, 1),
      pairedBranch(tmp.file('b'), '880120', '林家坪支行', identity, 120, 2),
    ]);
    for (const br of [a, b]) expect(await ok('hq', 'register', ...hq, '--branch-identity', br.identity)).toMatchObject({ code: br.code, created: true });

    const [workA, workB] = await Promise.all([branchSendsThree(a), branchSendsThree(b)]);

    // Shuffled, then one package again somewhere after its first copy.
    const random = mulberry32(15);
    const order = [...workA.packages, ...workB.packages];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const dup = Math.floor(random() * order.length);
    order.splice(dup + 1 + Math.floor(random() * (order.length - dup)), 0, order[dup]);
    const applied = new Map<string, number>();
    const held = new Map<string, Set<number>>();
    const outcomes: string[] = [];
    for (const p of order) {
      const expected = expectedIngest(p, applied, held);
      const r = await cli('hq', 'ingest', p.file, ...hq, '--json');
      expect(r.json, `${p.branch} #${p.seq}`).toEqual(expected);
      expect(r.code).toBe(expected.held > 0 ? 1 : 0);
      outcomes.push(`${p.branch}#${p.seq}:${expected.applied ? 'applied' : expected.held ? 'held' : 'skipped'}`);
    }
    // The seed gives an order that holds at least one package and skips the duplicate.
    expect(outcomes.some((o) => o.endsWith('held'))).toBe(true);
    expect(outcomes.filter((o) => o.endsWith('skipped'))).toHaveLength(1);
    expect(applied).toEqual(new Map([[a.code, 3], [b.code, 3]]));
    await expectReportAsAtBranches(pgdb.url, [a, b], 3);

    // Head office's archive room receives A's batch: two files, one with a discrepancy.
    const [first, second, third] = workA.batchLoans;
    const receipt = await ok('hq', 'archive-receipt', ...hq, '--branch', a.code, '--batch', workA.batch, '--received', `${first},${third}`, '--discrepancy', `${second}=缺借款合同原件`, '--received-on', '2026-12-02');
    expect(receipt).toMatchObject({ branch: a.code, batchNo: workA.batch, received: 2, discrepancies: 1 });

    const hqOut = tmp.file('usb-hq');
    const toA = await ok('hq', 'export', ...hq, '--branch', a.code, '--out', hqOut);
    const toB = await ok('hq', 'export', ...hq, '--branch', b.code, '--out', hqOut);
    expect(toA).toMatchObject({ seq: 1, rows: 1 });
    expect(toB).toMatchObject({ seq: 1, rows: 0 });
    expect(await ok('sync', 'apply', toA.package, '--db', a.db)).toMatchObject({ status: 'applied', seq: 1 });
    expect(await ok('sync', 'apply', toB.package, '--db', b.db)).toMatchObject({ status: 'applied', seq: 1 });

    // A's batch as head office received it, file by file.
    const files = await readBranch(a.db, async (app) =>
      (await sql<{ loan_no: string; status: string }>`select l.loan_no, f.status from archive_files f join loans l on l.id = f.loan_id where l.loan_no in (${sql.join(workA.batchLoans)}) order by l.loan_no`.execute(app.db)).rows,
    );
    expect(files).toEqual([
      { loan_no: first, status: 'received' },
      { loan_no: second, status: 'discrepancy' },
      { loan_no: third, status: 'received' },
    ]);
    const receiptsAt = (br: TestBranch) => readBranch(br.db, async (app) => (await app.db.selectFrom('archive_receipts').select('batch_no').execute()).map((r) => r.batch_no));
    expect(await receiptsAt(a)).toEqual([workA.batch]);
    expect(await receiptsAt(b)).toEqual([]);

    // Each branch's next package acknowledges head office's, and carries A's files as received.
    for (const br of [a, b]) {
      const next = await ok('sync', 'export', '--db', br.db, '--out', tmp.file(`usb-${br.code}`));
      expect(next.seq).toBe(4);
      expect(await ok('hq', 'ingest', next.package, ...hq)).toEqual({ applied: 1, skipped: 0, held: 0, refused: [] });
    }
    expect(await readHqAcks(pgdb.url)).toEqual({ [a.code]: 1, [b.code]: 1 });

    // Head office's report agrees with each branch's own database, A's files as received.
    const report = await expectReportAsAtBranches(pgdb.url, [a, b], 4);
    expect(report.find((r) => r.code === a.code)!.archiveByStatus).toMatchObject({ received: expect.any(Number), discrepancy: 1 });

    // Acknowledged: a second package to A carries nothing new.
    expect(await ok('hq', 'export', ...hq, '--branch', a.code, '--out', hqOut)).toMatchObject({ seq: 2, rows: 0 });
    expect(readdirSync(path.join(hqOut, 'HQ')).sort()).toEqual([`HQ-${a.code}-000001.blpkg`, `HQ-${a.code}-000002.blpkg`, `HQ-${b.code}-000001.blpkg`]);
  });
});

/** `hq report` for each branch equals the figures counted in its own database, at package `lastSeq`. */
async function expectReportAsAtBranches(url: string, branches: TestBranch[], lastSeq: number): Promise<Array<Record<string, any>>> {
  const report = (await ok('hq', 'report', '--pg', url)).branches as Array<Record<string, any>>;
  expect(report.map((r) => r.code)).toEqual(branches.map((b) => b.code));
  for (const br of branches) {
    const here = await countedAtBranch(br);
    const line = report.find((r) => r.code === br.code)!;
    const there = Object.fromEntries(['code', 'lastSeq', 'asOf', 'loans', 'overdueLoans', 'notices', 'receipts', 'archiveByStatus'].map((k) => [k, line[k]]));
    expect(there, br.code).toEqual({ ...here, lastSeq });
    expect(here).toMatchObject({ asOf: '2026-12-01', receipts: 1 });
    expect(here.notices).toBeGreaterThan(0);
    expect(here.overdueLoans).toBeGreaterThan(0);
  }
  return report;
}

/** Each branch's acknowledgement of head office's packages, as head office holds it. */
async function readHqAcks(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ code: string; acked_seq: number }>('select code, acked_seq from hq_branches order by code');
    return Object.fromEntries(rows.rows.map((r) => [r.code, r.acked_seq]));
  } finally {
    await client.end();
  }
}

