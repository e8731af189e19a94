import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeAppContext, createAppContext, type AppContext } from '../../electron/backend/app-context';
import { SYSTEM_ACTOR, SYSTEM_STAFF_ID } from '../../electron/backend/changelog/actor';
import { writerAs } from '../../electron/backend/changelog/write-context';
import type { Db } from '../../electron/backend/db/connection';
import { generateDemoData } from '../../electron/backend/demo/generator';
import { NON_PERFORMING } from '../../electron/shared/domain';
import type { DemoDataSummary } from '../../electron/shared/api/demo';
import { parseVillageFromAddress } from '../../electron/shared/address';
import { checkPhone } from '../../electron/shared/phone';
import { checkResidentId } from '../../electron/shared/resident-id';
import { loggedInsertIds } from '../helpers/logged-inserts';
import { makeTempDir } from '../helpers/temp-dir';
import { appLog } from '../helpers/app-log';

const ACTOR = SYSTEM_ACTOR;
const SEED = 20261125;
const WRITTEN_TABLES = ['staff', 'villages', 'borrowers', 'borrower_phones', 'loans', 'loan_snapshots', 'archive_files', 'inspection_tasks'] as const;

async function count(db: Db, table: string, where = sql`1`): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db);
  return rows[0].n;
}

async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [...WRITTEN_TABLES, 'change_log']) out[t] = await count(db, t);
  return out;
}

async function freshApp(tmp: ReturnType<typeof makeTempDir>, name: string): Promise<AppContext> {
  return createAppContext(tmp.file(name));
}

describe('generateDemoData on a 9,000-loan branch', () => {
  const tmp = makeTempDir('bl-');
  let app: AppContext;
  let summary: DemoDataSummary;
  const progress: Array<[number, number]> = [];

  beforeAll(async () => {
    app = await freshApp(tmp, 'demo.sqlite');
    summary = await generateDemoData(writerAs(app.db, ACTOR), app.db, { loans: 9000, seed: SEED, onProgress: (d, t) => progress.push([d, t]) });
  });
  afterAll(async () => {
    await closeAppContext(app);
    tmp.cleanup();
  });

  it('returns counts equal to the rows in the tables, at branch scale', async () => {
    expect(summary).toEqual({
      villages: await count(app.db, 'villages'),
      households: await count(app.db, 'borrowers'),
      loans: await count(app.db, 'loans'),
      managers: await count(app.db, 'staff', sql`role = 'manager'`),
    });
    expect(summary.loans).toBe(9000);
    expect(summary.villages).toBeGreaterThanOrEqual(45);
    expect(summary.villages).toBeLessThanOrEqual(55);
    expect(summary.managers).toBe(6);
    expect(summary.households).toBeGreaterThanOrEqual(6500);
    expect(summary.households).toBeLessThanOrEqual(7500);
    expect(await count(app.db, 'loan_snapshots', sql`as_of = '2026-11-20' and import_id is null`)).toBe(9000);
  });

  it('reports progress up to the total, never backwards', () => {
    expect(progress.length).toBeGreaterThan(1);
    const [lastDone, total] = progress[progress.length - 1];
    expect(lastDone).toBe(total);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
  });

  it('makes managers who cannot sign in until an admin sets a password', async () => {
    const managers = await app.db.selectFrom('staff').selectAll().where('role', '=', 'manager').execute();
    expect(managers.map((m) => m.username).sort()).toEqual(['mgr01', 'mgr02', 'mgr03', 'mgr04', 'mgr05', 'mgr06']);
    for (const m of managers) {
      expect(m.password_hash).toBeNull();
      expect(m.active).toBe(1);
      expect(m.display_name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    }
  });

  it('gives every borrower a valid resident ID that agrees with gender and birth date', async () => {
    const borrowers = await app.db.selectFrom('borrowers').select(['resident_id', 'gender', 'birth_date', 'customer_no', 'name', 'name_initials']).execute();
    const bad = borrowers.filter((b) => {
      const check = checkResidentId(b.resident_id ?? '');
      return !check.ok || check.legacy || check.gender !== b.gender || check.birthDate !== b.birth_date;
    });
    expect(bad).toEqual([]);
    expect(new Set(borrowers.map((b) => b.resident_id)).size).toBe(borrowers.length);
    expect(new Set(borrowers.map((b) => b.customer_no)).size).toBe(borrowers.length);
    const malformed = borrowers.filter(
      (b) =>
        !/^C\d{7}$/.test(b.customer_no ?? '') ||
        !new RegExp(`^[a-z]{${[...b.name].length}}$`).test(b.name_initials) ||
        b.birth_date! < '1955-01-01' ||
        b.birth_date! > '2000-12-31',
    );
    expect(malformed).toEqual([]);
  });

  it('writes addresses the address parser reads back to the borrower’s own village', async () => {
    const rows = await app.db
      .selectFrom('borrowers as b')
      .innerJoin('villages as v', 'v.id', 'b.village_id')
      .select(['b.address', 'v.township', 'v.name'])
      .execute();
    const mismatched = rows.filter((r) => {
      const parsed = parseVillageFromAddress(r.address);
      return parsed?.county !== '临县' || parsed.township !== r.township || parsed.village !== r.name;
    });
    expect(mismatched).toEqual([]);
    expect(rows.filter((r) => !/^临县.+[镇乡].+村\d+组$/.test(r.address))).toEqual([]);
  });

  it('gives every borrower one or two valid phones from the core system', async () => {
    const phones = await app.db.selectFrom('borrower_phones').select(['borrower_id', 'phone', 'source', 'core_value']).execute();
    expect(phones.filter((p) => !checkPhone(p.phone).ok)).toEqual([]);
    expect(phones.every((p) => p.source === 'core' && p.core_value === p.phone)).toBe(true);
    const perBorrower = new Map<string, number>();
    for (const p of phones) perBorrower.set(p.borrower_id, (perBorrower.get(p.borrower_id) ?? 0) + 1);
    expect(perBorrower.size).toBe(summary.households);
    expect(Math.max(...perBorrower.values())).toBeLessThanOrEqual(2);
    const landlines = phones.filter((p) => checkPhone(p.phone).ok && /^0358-\d{7}$/.test(p.phone)).length;
    expect(landlines).toBeGreaterThan(0);
    expect(landlines / phones.length).toBeLessThan(0.1);
  });

  it('numbers loans uniquely and keeps amounts and dates in range', async () => {
    const loans = await app.db.selectFrom('loans').selectAll().execute();
    expect(new Set(loans.map((l) => l.loan_no)).size).toBe(loans.length);
    expect(new Set(loans.map((l) => l.contract_no)).size).toBe(loans.length);
    const outOfRange = loans.filter(
      (l) =>
        !/^\d{11}$/.test(l.loan_no) ||
        !/^HT\d{12}$/.test(l.contract_no) ||
        l.status !== 'active' ||
        l.contract_amount_fen! < 1_000_000 ||
        l.contract_amount_fen! > 50_000_000 ||
        !Number.isInteger(l.balance_fen) ||
        l.balance_fen <= 0 ||
        l.balance_fen > l.contract_amount_fen! ||
        l.disbursed_on! < '2021-01-01' ||
        l.disbursed_on! > '2026-10-31' ||
        l.maturity_on! <= l.disbursed_on! ||
        (l.guarantee_type === '保证') !== (l.guarantors !== ''),
    );
    expect(outOfRange).toEqual([]);
  });

  it('has a realistic share of overdue and non-performing loans, classed consistently', async () => {
    const loans = await app.db.selectFrom('loans').select(['principal_overdue_days', 'risk_class', 'maturity_on']).execute();
    const overdue = loans.filter((l) => l.principal_overdue_days > 0);
    const npl = loans.filter((l) => NON_PERFORMING.includes(l.risk_class!));
    expect(overdue.length / loans.length).toBeGreaterThan(0.05);
    expect(overdue.length / loans.length).toBeLessThan(0.15);
    expect(npl.length / loans.length).toBeGreaterThan(0.02);
    expect(npl.length / loans.length).toBeLessThan(0.06);
    expect(overdue.filter((l) => l.principal_overdue_days < 90).length).toBeGreaterThan(overdue.length / 2);
    const inconsistent = loans.filter((l) =>
      l.principal_overdue_days === 0
        ? l.risk_class !== '正常' || l.maturity_on! < '2026-11-20'
        : l.risk_class === '正常' || NON_PERFORMING.includes(l.risk_class!) !== l.principal_overdue_days > 90,
    );
    expect(inconsistent).toEqual([]);
  });

  it('links every loan to a borrower in a village with a manager, and to that manager', async () => {
    const orphans = await count(
      app.db,
      'loans',
      sql`not exists (
        select 1 from borrowers b join villages v on v.id = b.village_id join staff s on s.id = v.manager_id
        where b.id = loans.borrower_id and s.role = 'manager' and loans.manager_id = v.manager_id)`,
    );
    expect(orphans).toBe(0);
  });

  it('opens a loan file per loan, the ones disbursed before its cut-over already received', async () => {
    const cutover = await app.db.selectFrom('settings').select('value').where('key', '=', 'archive_cutover_date').executeTakeFirstOrThrow();
    expect(cutover.value).toBe('2026-08-01');
    const wrong = await count(
      app.db,
      'archive_files',
      sql`status <> case when disbursed_on < ${cutover.value} then 'received' else 'collecting' end or due_on <= disbursed_on`,
    );
    expect(wrong).toBe(0);
    expect(await count(app.db, 'archive_files', sql`1`)).toBe(9000);
    expect(await count(app.db, 'archive_files', sql`status = 'collecting'`)).toBeGreaterThan(0);
  });

  it('opens the inspection schedule of every active loan, as an import would', async () => {
    expect(await count(app.db, 'inspection_tasks', sql`status = 'open'`)).toBe(await count(app.db, 'loans', sql`status = 'active' and disbursed_on is not null`));
  });

  it('logs every row written, exactly once, in one transaction', async () => {
    for (const table of WRITTEN_TABLES) {
      // The system actor's staff row comes with the schema, not from the generator.
      const ids = (await app.db.selectFrom(table as 'loans').select('id').execute()).map((r) => r.id).filter((id) => id !== SYSTEM_STAFF_ID).sort();
      expect({ table, logged: (await loggedInsertIds(app.db, table, ACTOR.name)).sort() }).toEqual({ table, logged: ids });
    }
    const txns = await appLog(app.db).select('txn_id').distinct().execute();
    expect(txns).toHaveLength(1);
  });

  it('refuses to run again on the same database and changes nothing', async () => {
    const before = await counts(app.db);
    await expect(generateDemoData(writerAs(app.db, ACTOR), app.db, { loans: 100, seed: 1 })).rejects.toMatchObject({
      code: 'DEMO_DATA_EXISTS',
      userMessage: expect.stringContaining('不能再生成演示数据'),
    });
    expect(await counts(app.db)).toEqual(before);
  });
});

describe('generateDemoData determinism', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  const apps: AppContext[] = [];

  afterEach(async () => {
    for (const app of apps.splice(0)) await closeAppContext(app);
    tmp.cleanup();
  });

  async function generated(name: string, loans: number, seed: number) {
    const app = await freshApp(tmp, name);
    apps.push(app);
    await generateDemoData(writerAs(app.db, ACTOR), app.db, { loans, seed });
    return {
      managers: (await app.db.selectFrom('staff').select(['username', 'display_name']).orderBy('username').execute()),
      villages: (await app.db.selectFrom('villages').select(['township', 'name']).orderBy('township').orderBy('name').execute()),
      borrowers: (await app.db.selectFrom('borrowers').select(['customer_no', 'name', 'resident_id', 'address']).orderBy('customer_no').execute()),
      loanNos: (await app.db.selectFrom('loans').select(['loan_no', 'balance_fen', 'risk_class']).orderBy('loan_no').execute()),
    };
  }

  it('gives the same branch for the same seed, and another for another seed', async () => {
    tmp = makeTempDir('bl-');
    const a = await generated('a.sqlite', 9000, SEED);
    const b = await generated('b.sqlite', 9000, SEED);
    expect(b).toEqual(a);
    const c = await generated('c.sqlite', 9000, SEED + 1);
    expect(c.borrowers.map((x) => x.name)).not.toEqual(a.borrowers.map((x) => x.name));
  });

  it('scales to a small book without empty villages', async () => {
    tmp = makeTempDir('bl-');
    const small = await generated('small.sqlite', 40, 3);
    expect(small.loanNos).toHaveLength(40);
    expect(small.villages.length).toBeLessThanOrEqual(small.borrowers.length);
    const villagesUsed = new Set(small.borrowers.map((b) => {
      const parsed = parseVillageFromAddress(b.address);
      return `${parsed?.township}/${parsed?.village}`;
    }));
    expect(villagesUsed.size).toBe(small.villages.length);
  });
});
