import type { ArchiveSettingsView } from '../../shared/api/archive-settings';
import type { ReadDb } from '../db/read-db';
import { loadArchiveCalendar } from '../archives/archive-calendar';

/** Everything the settings page shows: catalogue, rules, products, deadline, calendar, cut-over. */
export async function readArchiveSettings(db: ReadDb): Promise<ArchiveSettingsView> {
  const [types, rules, products, days, cal] = await Promise.all([
    db.selectFrom('archive_doc_types').select(['id', 'name', 'sort_order', 'active']).orderBy('sort_order').orderBy('name').execute(),
    db.selectFrom('archive_doc_rules').select(['id', 'doc_type_id', 'product', 'guarantee_type', 'required']).orderBy('product').orderBy('guarantee_type').execute(),
    db.selectFrom('loans').select('product').distinct().where('product', '!=', '').orderBy('product').execute(),
    db.selectFrom('calendar_days').select(['id', 'day', 'kind', 'name']).orderBy('day').execute(),
    loadArchiveCalendar(db),
  ]);
  return {
    docTypes: types.map((t) => ({ id: t.id, name: t.name, sortOrder: t.sort_order, active: t.active === 1 })),
    rules: rules.map((r) => ({ id: r.id, docTypeId: r.doc_type_id, product: r.product, guaranteeType: r.guarantee_type, required: r.required === 1 })),
    products: products.map((p) => p.product),
    deadlineDays: cal.deadlineDays,
    calendar: days,
    cutoverDate: cal.cutoverDate,
  };
}
