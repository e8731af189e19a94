import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { likeEscape } from '../../../electron/backend/db/like-pattern';
import { useTempDatabase } from '../../helpers/temp-database';

describe('likeEscape', () => {
  const t = useTempDatabase();

  async function contains(value: string, part: string): Promise<boolean> {
    const { rows } = await sql<{ hit: number }>`select ${value} like ${`%${likeEscape(part)}%`} escape '\\' as hit`.execute(t.db);
    return rows[0].hit === 1;
  }

  it('makes %, _ and \\ match only themselves in SQLite', async () => {
    expect(await contains('50%', '%')).toBe(true);
    expect(await contains('50', '%')).toBe(false);
    expect(await contains('a_b', '_')).toBe(true);
    expect(await contains('ab', '_')).toBe(false);
    expect(await contains('a\\b', '\\')).toBe(true);
    expect(await contains('ab', '\\')).toBe(false);
    expect(await contains('张三丰', '三')).toBe(true);
  });
});
