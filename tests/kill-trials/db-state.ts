import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { type SqliteFile } from './sqlite-file';

/** Per table: its row count and a SHA-256 of its rows (in primary-key order). */
export type Fingerprint = Record<string, { rows: number; sha: string }>;

/** Columns to leave out of a fingerprint: those a rerun of the same work fills differently (clocks, random ids). */
export type Omit = (table: string, column: string) => boolean;

export const omitNothing: Omit = () => false;

/** `pragma integrity_check` and `foreign_key_check`: the problems found, none when sound. */
export async function soundnessProblems(db: SqliteFile): Promise<string[]> {
  const integrity = (await db.all<{ integrity_check: string }>('pragma integrity_check')).map((r) => r.integrity_check);
  const problems = integrity.filter((m) => m !== 'ok').slice(0, 3);
  if (integrity.length === 0) problems.push('integrity_check gave no answer');
  const dangling = await db.all<{ table: string; parent: string }>('pragma foreign_key_check');
  if (dangling.length > 0) problems.push(`${dangling.length} dangling reference(s), e.g. ${dangling[0].table} → ${dangling[0].parent}`);
  return problems;
}

/** A backup's own check, as the app makes it: sound, and exactly the pages its header counts. */
export async function wholeFileProblems(db: SqliteFile, file: string): Promise<string[]> {
  const problems = await soundnessProblems(db);
  const [{ page_count: pages }] = await db.all<{ page_count: number }>('pragma page_count');
  const [{ page_size: pageSize }] = await db.all<{ page_size: number }>('pragma page_size');
  const { size } = await stat(file);
  if (pages < 1 || pages * pageSize !== size) problems.push(`${pages} pages of ${pageSize} bytes in a file of ${size} bytes`);
  return problems;
}

/** Tables, indexes and triggers as SQLite stores their definitions. */
export async function schemaOf(db: SqliteFile): Promise<string> {
  const rows = await db.all<{ type: string; name: string; sql: string | null }>(
    "select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name",
  );
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

/** The names of the migrations a database has (its schema version). */
export async function appliedMigrations(db: SqliteFile): Promise<string[]> {
  const has = await db.all("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'");
  if (has.length === 0) return [];
  return (await db.all<{ name: string }>('select name from kysely_migration order by name')).map((r) => r.name);
}

/**
 * Every table's rows, hashed; `omit` leaves columns out, `tables` limits the tables looked at,
 * `where` the rows of a table (an SQL condition).
 */
export async function fingerprintOf(db: SqliteFile, omit: Omit = omitNothing, tables?: string[], where: Record<string, string> = {}): Promise<Fingerprint> {
  const names = tables ?? (await db.all<{ name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")).map((r) => r.name);
  const out: Fingerprint = {};
  for (const table of names) {
    const info = await db.all<{ name: string; pk: number }>(`pragma table_info("${table}")`);
    if (info.length === 0) continue;
    const kept = info.filter((c) => !omit(table, c.name));
    const columns = kept.map((c) => `"${c.name}"`);
    const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    // A copy (VACUUM INTO) may renumber rowids; the primary key orders the same rows the same way.
    // A random key left out (a rerun makes other ids) orders nothing: the columns kept order the rows then.
    const byKey = key.length > 0 && key.every((c) => kept.includes(c));
    const order = byKey ? key.map((c) => `"${c.name}"`).join(', ') : columns.join(', ');
    const hash = createHash('sha256');
    // Every column left out (a fresh identity, say): the rows are only counted.
    // SQLite writes each row as one JSON text: far quicker than a JS object per row.
    const query = `select json_array(${columns.join(', ')}) as r from "${table}" where ${where[table] ?? 'true'}${order ? ` order by ${order}` : ''}`;
    const rows = await db.all<{ r: string }>(query);
    for (const { r } of rows) hash.update(r).update('\n');
    out[table] = { rows: rows.length, sha: hash.digest('hex') };
  }
  return out;
}

/** The tables whose fingerprints differ (or that one side lacks); none when equal. */
export function fingerprintDifferences(a: Fingerprint, b: Fingerprint): string[] {
  const tables = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return tables.filter((t) => a[t]?.rows !== b[t]?.rows || a[t]?.sha !== b[t]?.sha).map((t) => `${t} (${a[t]?.rows ?? '—'} vs ${b[t]?.rows ?? '—'} rows)`);
}

/**
 * The columns two runs of the same work, left alone, filled differently (stamps, random ids):
 * for each column, the values it holds (in any order) are compared. Left out of the comparison,
 * they make the state a complete run leaves comparable with a trial's.
 */
export async function varyingColumns(a: SqliteFile, b: SqliteFile): Promise<{ omit: Omit; names: string[] }> {
  const varying: string[] = [];
  const tables = (await a.all<{ name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")).map((r) => r.name);
  for (const table of tables) {
    for (const { name } of await a.all<{ name: string }>(`pragma table_info("${table}")`)) {
      const values = (db: SqliteFile) => db.all<{ v: string }>(`select json_array("${name}") as v from "${table}" order by "${name}"`).catch(() => []);
      const hash = (rows: { v: string }[]) => createHash('sha256').update(rows.map((r) => r.v).join('\n')).digest('hex');
      if (hash(await values(a)) !== hash(await values(b))) varying.push(`${table}.${name}`);
    }
  }
  return { omit: (table, column) => varying.includes(`${table}.${column}`), names: varying };
}
