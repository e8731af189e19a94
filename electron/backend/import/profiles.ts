import type { WriteContext } from '../changelog/write-context';
import type { ReadDb } from '../db/read-db';
import type { ColumnMapping } from './parsed-file';

export interface MappingProfile {
  headerSignature: string;
  mapping: ColumnMapping;
}

export async function loadProfiles(db: ReadDb): Promise<MappingProfile[]> {
  const rows = await db.selectFrom('import_profiles').select(['header_signature', 'mapping_json']).execute();
  return rows.map((r) => ({ headerSignature: r.header_signature, mapping: JSON.parse(r.mapping_json) as ColumnMapping }));
}

/** Remembers a column mapping the user made, so the next file with this header imports directly. */
export async function saveProfile(w: WriteContext, name: string, profile: MappingProfile): Promise<void> {
  const existing = await w.trx.selectFrom('import_profiles').selectAll().where('header_signature', '=', profile.headerSignature).executeTakeFirst();
  const mapping_json = JSON.stringify(profile.mapping);
  if (existing) await w.update('import_profiles', existing, { mapping_json, name });
  else await w.insert('import_profiles', { header_signature: profile.headerSignature, name, mapping_json });
}
