import { describe, expect, it } from 'vitest';
import type { ColumnFilter } from '../../../electron/shared/api/register';
import { filterSql } from '../../../electron/backend/register/register-columns';
import { useTempDatabase } from '../../helpers/temp-database';

describe('register grid money filters', () => {
  const t = useTempDatabase();
  const fenCompared = (filter: ColumnFilter) => filterSql('balanceFen', filter).compile(t.db).parameters;

  it('read 元 as the money module does, half a fen up, not as x * 100 rounded', () => {
    // 1.005 * 100 is 100.49999…, 0.285 * 100 is 28.49999…: rounding those loses the half fen.
    expect(fenCompared({ filterType: 'number', type: 'equals', filter: 1.005 })).toEqual([101]);
    expect(fenCompared({ filterType: 'number', type: 'inRange', filter: 0.285, filterTo: 1.015 })).toEqual([29, 102]);
    expect(fenCompared({ filterType: 'number', type: 'greaterThan', filter: 4.35 })).toEqual([435]);
    expect(fenCompared({ filterType: 'number', type: 'lessThan', filter: -0.015 })).toEqual([-2]);
  });

  it('leave counts as they are', () => {
    expect(filterSql('principalOverdueDays', { filterType: 'number', type: 'greaterThan', filter: 30 }).compile(t.db).parameters).toEqual([30]);
  });
});
