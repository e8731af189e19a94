import { copyFileSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackgroundCheckpointer } from '../../../electron/backend/db/background-checkpointer';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let db: sqlite3.Database;

const exec = (d: sqlite3.Database, sqlText: string) => new Promise<void>((res, rej) => d.exec(sqlText, (e) => (e ? rej(e) : res())));
const open = (file: string) => new Promise<sqlite3.Database>((res, rej) => { const d = new sqlite3.Database(file, (e) => (e ? rej(e) : res(d))); });
const close = (d: sqlite3.Database) => new Promise<void>((res, rej) => d.close((e) => (e ? rej(e) : res())));

/** Rows the database file holds on its own: a copy of it without its WAL. */
async function rowsInMainFile(): Promise<number> {
  const copy = tmp.file(`copy-${Math.random()}.sqlite`);
  copyFileSync(tmp.file('w.sqlite'), copy);
  const d = await open(copy);
  try {
    const row = await new Promise<{ n: number }>((res, rej) => d.get('select count(*) as n from t', (e, r) => (e ? rej(e) : res(r as { n: number }))));
    return row.n;
  } catch {
    return 0; // the table itself is still only in the WAL
  } finally {
    await close(d);
  }
}

beforeEach(async () => {
  tmp = makeTempDir();
  db = await open(tmp.file('w.sqlite'));
  await exec(db, 'pragma journal_mode = wal; pragma wal_autocheckpoint = 0; create table t (x text)');
});
afterEach(async () => {
  await close(db);
  tmp.cleanup();
});

describe('BackgroundCheckpointer', () => {
  it('copies committed pages into the database file from its own connection', async () => {
    await exec(db, `begin; with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000) insert into t select hex(randomblob(100)) from n; commit`);
    expect(await rowsInMainFile()).toBe(0);
    const checkpointer = new BackgroundCheckpointer(tmp.file('w.sqlite'));
    checkpointer.request();
    checkpointer.request(); // asked again while running: runs once more, never twice at once
    await checkpointer.idle();
    expect(await rowsInMainFile()).toBe(5000);
    await exec(db, `insert into t values ('one more')`);
    checkpointer.request();
    await checkpointer.close();
    expect(await rowsInMainFile()).toBe(5001);
  });

  it('does nothing once closed', async () => {
    const checkpointer = new BackgroundCheckpointer(tmp.file('w.sqlite'));
    await checkpointer.close();
    await exec(db, `insert into t values ('x')`);
    checkpointer.request();
    await checkpointer.idle();
    expect(await rowsInMainFile()).toBe(0);
  });
});
