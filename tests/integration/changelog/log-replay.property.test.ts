import { sql } from 'kysely';
import { mulberry32 } from '../../../electron/backend/seeded-random';
import { describe, expect, it } from 'vitest';
import { closeAppContext, createAppContext } from '../../../electron/backend/app-context';
import { SYSTEM_ACTOR, SYSTEM_STAFF_ID } from '../../../electron/backend/changelog/actor';
import { withWrite, writerAs } from '../../../electron/backend/changelog/write-context';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { parseImportFile } from '../../../electron/backend/import/parse/parse-import-file';
import { commitImport } from '../../../electron/backend/import/run-import';
import { csvBytes, sampleCsvLines } from '../../helpers/sample-files';
import { useTempApp } from '../../helpers/temp-app';

// Issue 8's property: after random inserts, fresh and stale updates, deletes and imports,
// replaying the change log's images onto an empty copy of the schema gives the database's rows
// exactly, for every row the log carries as images; every row an id-only entry names exists;
// and no row got into a logged table without an entry.
/** Every table of the schema but the log itself, what the write path derives from it (table_versions) and the migrator's: each is written through the log. */
async function loggedTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_schema where type = 'table'
    and name not in ('change_log', 'change_txns', 'table_versions', 'installation') and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(db);
  return rows.map((r) => r.name);
}


const t = useTempApp();

const keyOf = (table: string) => (table === 'settings' ? 'key' : 'id');

async function randomHistory(seed: number, steps: number): Promise<{ stale: number; imports: number }> {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const write = <T>(fn: Parameters<typeof withWrite<T>>[2]) => withWrite(t.app.db, SYSTEM_ACTOR, fn);
  const [header, ...rows] = sampleCsvLines().filter((l) => l.trim() !== '');
  let day = 1;
  let stale = 0;
  let imports = 0;
  for (let step = 0; step < steps; step++) {
    const borrowers = await t.app.db.selectFrom('borrowers').selectAll().execute();
    const op = borrowers.length === 0 ? pick(['import', 'insert'] as const) : pick(['import', 'insert', 'fresh', 'stale', 'phone', 'unphone', 'setting'] as const);
    if (op === 'import') {
      // A month's export: some of the book, some loans with a worse class, a full export or not.
      const lines = rows.filter(() => rnd() < 0.6).map((l) => (rnd() < 0.2 ? l.replace(',正常,', ',关注,') : l));
      const asOf = `2026-${String(1 + Math.floor(day / 28)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`;
      day += 1 + Math.floor(rnd() * 20);
      const outcome = await parseImportFile(csvBytes([header, ...lines]), `m${step}.csv`, { profiles: [] });
      if (outcome.kind !== 'parsed') throw new Error('sample layout not recognised');
      await commitImport(writerAs(t.app.db, SYSTEM_ACTOR), t.app.db, outcome.file, { asOf, fullExport: rnd() < 0.5, confirmAsOf: true, confirmSettle: true });
      imports++;
    } else if (op === 'insert') {
      await write((w) => w.insertMany('villages', [{ township: '测试镇', name: `村${seed}-${step}`, manager_id: null }]));
      await write((w) => w.insert('borrowers', { name: `户${step}`, name_initials: '', address: '', village_id: null }));
    } else if (op === 'fresh') {
      const b = pick(borrowers);
      await write((w) => w.update('borrowers', b, { notes: `第${step}步`, whereabouts: rnd() < 0.5 ? '太原' : b.whereabouts }));
    } else if (op === 'stale') {
      const b = pick(borrowers);
      await write((w) => w.update('borrowers', b, { contact_name: `联系人${step}` }));
      await expect(write((w) => w.update('borrowers', b, { notes: `过时的${step}` }))).rejects.toMatchObject({ code: 'STALE_WRITE' });
      stale++;
    } else if (op === 'phone') {
      const b = pick(borrowers);
      await write((w) => w.insert('borrower_phones', { borrower_id: b.id, phone: `1380000${String(step).padStart(4, '0')}`, source: 'local', core_value: null, verified_on: null }));
    } else if (op === 'unphone') {
      const phones = await t.app.db.selectFrom('borrower_phones').selectAll().where('source', '=', 'local').execute();
      if (phones.length > 0) await write((w) => w.delete('borrower_phones', pick(phones)));
    } else {
      await write((w) => w.setSetting('branch_name', `支行${step}`));
    }
  }
  return { stale, imports };
}

/** The log's images, replayed: table → key → row. Rows an `insert_rows` entry names are listed apart. */
async function replayLog(db: Db, LOGGED: readonly string[]) {
  const images = new Map<string, Map<string, Record<string, unknown>>>(LOGGED.map((t) => [t, new Map()]));
  const named = new Map<string, Set<string>>(LOGGED.map((t) => [t, new Set()]));
  const log = await db.selectFrom('change_log').selectAll().orderBy('seq').execute();
  for (const e of log) {
    const table = images.get(e.table_name)!;
    if (e.action === 'insert_rows') for (const id of (JSON.parse(e.after_json!) as { ids: string[] }).ids) named.get(e.table_name)!.add(id);
    else if (e.action === 'insert') table.set(e.row_id!, JSON.parse(e.after_json!));
    else if (e.action === 'update' && table.has(e.row_id!)) Object.assign(table.get(e.row_id!)!, JSON.parse(e.after_json!));
    else if (e.action === 'delete') {
      table.delete(e.row_id!);
      named.get(e.table_name)!.delete(e.row_id!);
    }
  }
  return { images, named, entries: log.length };
}

async function rowsOf(db: Db, table: string): Promise<Map<string, Record<string, unknown>>> {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
  return new Map(rows.map((r) => [String(r[keyOf(table)]), r]));
}

describe('the change log, replayed', () => {
  it.each([1, 2, 3])('rebuilds every row it carries as images, exactly (seed %i)', async (seed) => {
    const { stale, imports } = await randomHistory(seed, 40);
    expect(imports).toBeGreaterThan(0);
    expect(stale + imports).toBeGreaterThan(3);
    const LOGGED = await loggedTables(t.app.db);
    expect(LOGGED).toEqual(expect.arrayContaining(['settings', 'staff', 'villages', 'borrowers', 'borrower_phones', 'loans', 'loan_snapshots', 'imports']));
    const { images, named, entries } = await replayLog(t.app.db, LOGGED);
    expect(entries).toBeGreaterThan(50);

    // Onto an empty copy of the schema: the replayed rows go in as they are, and come out as the database has them.
    const copyPath = t.tmp.file('replayed.sqlite');
    const copy = await createAppContext(copyPath);
    await closeAppContext(copy);
    const replayed = await openDatabase(copyPath);
    try {
      await sql`pragma foreign_keys = off`.execute(replayed);
      for (const [table, rows] of images) {
        for (const row of rows.values()) {
          const columns = Object.keys(row);
          await sql`insert or replace into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values (${sql.join(columns.map((c) => row[c]))})`.execute(replayed);
        }
      }
      let imaged = 0;
      for (const table of LOGGED) {
        const actual = await rowsOf(t.app.db, table);
        const rebuilt = await rowsOf(replayed, table);
        for (const key of images.get(table)!.keys()) {
          expect({ table, key, row: rebuilt.get(key) }).toEqual({ table, key, row: actual.get(key) });
          imaged++;
        }
        // Every row an id-only entry names exists; every row is accounted for by the log.
        for (const id of named.get(table)!) expect({ table, id, exists: actual.has(id) }).toEqual({ table, id, exists: true });
        for (const key of actual.keys()) {
          const accounted = images.get(table)!.has(key) || named.get(table)!.has(key) || (table === 'staff' && key === SYSTEM_STAFF_ID);
          expect({ table, key, accounted }).toEqual({ table, key, accounted: true });
        }
      }
      expect(imaged).toBeGreaterThan(10);
    } finally {
      await replayed.destroy();
    }
  });
});
