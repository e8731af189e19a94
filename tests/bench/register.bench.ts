import { closeAppContext } from '../../electron/backend/app-context';
import { signedInApp } from '../helpers/signed-in-app';
import { timedCalls } from './timed-calls';
import type { BenchRun, Figure } from './types';

const LOANS = 200_000;

/** The register grid's server-side paging and the global search, through the dispatcher, on a county-sized book. */
export const run: BenchRun = async (ws) => {
  const { file } = await ws.demoDatabase(LOANS);
  const { app, token } = await signedInApp(file);
  try {
    const timed = async (label: string, name: string, args: unknown): Promise<Figure[]> => (await timedCalls(app, token, label, name, args)).figures;
    const village = await app.db.selectFrom('villages').select('id').orderBy('name').limit(1).executeTakeFirstOrThrow();
    const borrower = await app.db.selectFrom('borrowers').select(['name', 'name_initials']).limit(1).offset(5000).executeTakeFirstOrThrow();
    const page = { offset: 0, limit: 100 };
    return [
      ...(await timed('register: a village, first page', 'register.loans', { villageId: village.id, ...page })),
      ...(await timed('register: all 200k loans, first page by balance', 'register.loans', { sort: [{ colId: 'balanceFen', sort: 'desc' }], ...page })),
      ...(await timed('register: all loans, name contains filter', 'register.loans', { filter: { name: { filterType: 'text', type: 'contains', filter: borrower.name.slice(1) } }, ...page })),
      ...(await timed('search: pinyin initials', 'register.search', { q: borrower.name_initials })),
      ...(await timed('search: part of a name', 'register.search', { q: borrower.name.slice(0, 2) })),
      ...(await timed('search: phone digits', 'register.search', { q: '1380' })),
    ];
  } finally {
    await closeAppContext(app);
  }
};
