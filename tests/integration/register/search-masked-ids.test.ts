import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { dispatch } from '../../../electron/backend/rpc/dispatch';
import { maskResidentId } from '../../../electron/shared/resident-id';
import { makeTempDir } from '../../helpers/temp-dir';
import { signedInApp } from '../../helpers/signed-in-app';
import { SAMPLE } from '../../helpers/sample-files';

// Issue 9, finding 6: a role that sees IDs masked (first 6 and last 4 digits) must not be able to
// recover the hidden 8 by searching digit strings and watching which masked rows match.

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let adminCall: (name: string, args?: unknown) => Promise<any>;
let targets: Array<{ id: string; resident_id: string }>;

async function signIn(username: string, role: string): Promise<(name: string, args?: unknown) => Promise<any>> {
  const password = `${username}-pass-1`;
  await adminCall('staff.create', { username, displayName: `${role}甲`, password, role });
  const login = await dispatch(app, 'auth.login', { username, password });
  if (!login.ok) throw new Error(login.error.message);
  const token = (login.value as { token: string }).token;
  return async (name, args = {}) => {
    const result = await dispatch(app, name, args, { token });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
}

/**
 * The attack from the issue: starting from the visible last four digits, try each digit before
 * them and keep the one whose search still lists the borrower. Returns the ID found, or null.
 */
async function probe(call: (name: string, args?: unknown) => Promise<any>, borrowerId: string, masked: string): Promise<string | null> {
  let known = masked.slice(-4);
  const hidden = masked.length - 10;
  for (let i = 0; i < hidden; i++) {
    let next: string | null = null;
    for (const d of '0123456789') {
      const hits: Array<{ borrowerId: string }> = await call('register.search', { q: d + known, limit: 100 });
      if (hits.some((h) => h.borrowerId === borrowerId)) {
        next = d;
        break;
      }
    }
    if (next === null) return null;
    known = next + known;
  }
  return masked.slice(0, 6) + known;
}

beforeAll(async () => {
  tmp = makeTempDir();
  ({ app, call: adminCall } = await signedInApp(tmp.file('ledger.sqlite')));
  const preview = await adminCall('imports.preview', { fileName: 'a.xlsx', contentBase64: readFileSync(SAMPLE.xlsx).toString('base64') });
  await adminCall('imports.commit', { previewId: preview.previewId, asOf: '2026-10-31', fullExport: true });
  const all = await app.db.selectFrom('borrowers').select(['id', 'resident_id']).where('resident_id', 'is not', null).orderBy('id').execute();
  targets = all.filter((b): b is { id: string; resident_id: string } => /^\d{17}[\dX]$/.test(b.resident_id ?? ''));
  expect(targets.length).toBeGreaterThan(3);
});
afterAll(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

describe('search by resident ID digits', () => {
  it('does not let a clerk recover a masked ID by probing digit strings', async () => {
    const clerk = await signIn('clerk1', 'clerk');
    for (const t of targets.slice(0, 3)) {
      expect(await probe(clerk, t.id, maskResidentId(t.resident_id))).toBeNull();
    }
  });

  it('lets the branch head, who may see full IDs, search by any part of an ID', async () => {
    const head = await signIn('head1', 'head');
    for (const t of targets.slice(0, 3)) {
      expect(await probe(head, t.id, maskResidentId(t.resident_id))).toBe(t.resident_id);
    }
  });

  it('lets a clerk find a borrower by the whole ID, or by the digits the masked ID shows', async () => {
    const clerk = await signIn('clerk2', 'clerk');
    const ids = async (q: string) => ((await clerk('register.search', { q, limit: 100 })) as Array<{ borrowerId: string }>).map((h) => h.borrowerId);
    const [t] = targets;
    expect(await ids(t.resident_id)).toContain(t.id);
    expect(await ids(t.resident_id.slice(-4))).toContain(t.id);
    // The sample's IDs share their first six digits: more borrowers than the limit, each showing them.
    const byRegion: Array<{ residentIdMasked: string }> = await clerk('register.search', { q: t.resident_id.slice(0, 6), limit: 100 });
    expect(byRegion).toHaveLength(100);
    expect(byRegion.every((h) => h.residentIdMasked.startsWith(t.resident_id.slice(0, 6)))).toBe(true);
    // Hidden digits, alone or joined to visible ones, find nothing by ID.
    expect(await ids(t.resident_id.slice(6, 14))).not.toContain(t.id);
    expect(await ids(t.resident_id.slice(3, 10))).not.toContain(t.id);
    expect(await ids(t.resident_id.slice(0, 17))).not.toContain(t.id);
  });
});
