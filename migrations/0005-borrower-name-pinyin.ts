import { sql, type Kysely } from 'kysely';
import { pinyin } from 'pinyin-pro';

// Frozen: a migration never imports app code and is never edited once released.
//
// Registers list households in pinyin order of their names. Initials alone interleave surnames
// (陈 chen, 成 cheng, 曹 cao all start with c), so borrowers get their full toneless pinyin as a
// sort key; existing rows are filled in here, new ones by the import.
const BATCH = 5000;

function sortKey(name: string): string {
  return pinyin(name, { toneType: 'none', type: 'array', nonZh: 'removed', surname: 'head' })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter(Boolean)
    .join(' ');
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table borrowers add column name_pinyin text not null default ''`.execute(db);
  const { rows } = await sql<{ id: string; name: string }>`select id, name from borrowers`.execute(db);
  const keys = new Map<string, string>();
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH).map((r) => {
      let key = keys.get(r.name);
      if (key === undefined) keys.set(r.name, (key = sortKey(r.name)));
      return [r.id, key];
    });
    await sql`update borrowers set name_pinyin = j.value ->> 1 from json_each(${JSON.stringify(batch)}) as j where borrowers.id = j.value ->> 0`.execute(db);
  }
}
