import { describe, expect, it } from 'vitest';
import { kindOfSql } from '../../../electron/backend/db/statement-kind';

const read = { rows: true, changes: false, insert: false };
const noRows = { rows: false, changes: false, insert: false };

describe('kindOfSql', () => {
  it('finds the statement past whitespace and comments', () => {
    expect(kindOfSql('-- a\n-- b\n  select 1')).toEqual(read);
    expect(kindOfSql('/* a */ /* b\n c */select 1')).toEqual(read);
    expect(kindOfSql('/* insert */ select 1')).toEqual(read);
    expect(kindOfSql('\n\t insert into t values (1)')).toEqual({ rows: false, changes: true, insert: true });
    expect(kindOfSql('-- select\nupdate t set a = 1')).toEqual({ rows: false, changes: true, insert: false });
  });

  it('reads a WITH clause to the statement after it', () => {
    expect(kindOfSql('with a(x) as (select 1), b as materialized (select 2) select * from a')).toEqual(read);
    expect(kindOfSql('with recursive a as (select 1 union all select 1 from a) delete from t')).toEqual({ rows: false, changes: true, insert: false });
    expect(kindOfSql('with a as (select 1) insert into t select * from a returning id')).toEqual({ rows: true, changes: true, insert: true });
  });

  it('sees RETURNING only as a keyword, not in literals, quoted names, comments or parentheses', () => {
    expect(kindOfSql("insert into t values ('returning')").rows).toBe(false);
    expect(kindOfSql('update t set "returning" = 1, [returning] = 2, `returning` = 3').rows).toBe(false);
    expect(kindOfSql('delete from t -- returning\n')).toEqual({ rows: false, changes: true, insert: false });
    expect(kindOfSql("update t set a = (select 'x''returning')").rows).toBe(false);
    expect(kindOfSql('replace into t values (1) returning *')).toEqual({ rows: true, changes: true, insert: true });
    expect(kindOfSql('delete from t; select 1 returning').rows).toBe(false);
  });

  it('runs only statements known to return nothing without keeping rows', () => {
    for (const sql of ['create table t (a)', 'drop index i', 'begin immediate', 'commit', 'savepoint "s"', 'release s', 'vacuum']) {
      expect(kindOfSql(sql)).toEqual(noRows);
    }
    for (const sql of ['pragma table_info(t)', 'explain query plan select 1', 'values (1), (2)', '', 'something new']) {
      expect(kindOfSql(sql)).toEqual(read);
    }
  });
});
