import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { holdWriteLock } from '../../helpers/write-lock-holder';
import { perTestCopy } from '../../helpers/per-test-copy';
import { collectionApp } from '../handover/collection-fixture';

// An account manager works on their own book only (README, roles): these are checked in the
// backend, and inside the write, so that what another write changed meanwhile counts.

const b = perTestCopy(collectionApp);

const borrowerOf = async (loanNo: string) =>
  (await b.app.db.selectFrom('loans').select('borrower_id').where('loan_no', '=', loanNo).executeTakeFirstOrThrow()).borrower_id;
const staffId = async (name: string) => (await b.app.db.selectFrom('staff').select('id').where('display_name', '=', name).executeTakeFirstOrThrow()).id;

describe("a household's contacts and phones", () => {
  it("an account manager edits only their own book's households; a clerk any", async () => {
    const [own, others] = [await borrowerOf('H02'), await borrowerOf('H07')];
    const wang = await b.as('王经理');
    const household = await wang('register.household', { borrowerId: others });
    // The panel shows it read-only; the backend refuses all the same.
    expect(household.canEdit).toBe(false);
    expect((await wang('register.household', { borrowerId: own })).canEdit).toBe(true);
    const phone = household.phones[0];
    await expect(wang('register.updateContact', { borrowerId: others, whereabouts: '太原', was: { whereabouts: '' } })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    await expect(wang('register.savePhone', { borrowerId: others, phone: '13900007777' })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    await expect(wang('register.savePhone', { borrowerId: others, phoneId: phone.id, updatedAt: phone.updatedAt, phone: '13900007777' })).rejects.toMatchObject({
      code: 'NOT_YOUR_BOOK',
    });
    await expect(wang('register.deletePhone', { borrowerId: others, phoneId: phone.id, updatedAt: phone.updatedAt })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    expect(await b.call('register.household', { borrowerId: others })).toMatchObject({ whereabouts: '', phones: household.phones });

    expect(await wang('register.updateContact', { borrowerId: own, whereabouts: '太原', was: { whereabouts: '' } })).toMatchObject({ whereabouts: '太原' });
    const clerk = await b.as('内勤乙', 'clerk');
    expect((await clerk('register.household', { borrowerId: others })).canEdit).toBe(true);
    expect(await clerk('register.updateContact', { borrowerId: others, whereabouts: '吕梁', was: { whereabouts: '' } })).toMatchObject({ whereabouts: '吕梁' });
  });
});

describe('a reassignment that lands while a record waits for the write lock', () => {
  it.each([
    ['legal.record', (loanId: string) => ({ loanId, stepOn: '2026-11-20', kind: 'lawyer-letter' })],
    ['limitation.record', (loanId: string) => ({ loanId, kind: 'acknowledgement', eventOn: '2026-11-20', note: '' })],
  ])('%s is refused once the loan is no longer the manager’s', async (method, args) => {
    const loanId = await b.loanId('H02');
    const wang = await b.as('王经理');
    const li = await staffId('李经理');
    // Another program (the CLI importing) holds the write lock: the branch head's reassignment
    // waits for it, and 王经理's record is sent meanwhile.
    const other = await holdWriteLock(b.tmp.file('ledger.sqlite'));
    try {
      const reassignment = b.call('assignment.assign', { managerId: li, scope: 'loan', ids: [loanId], reason: '调整管户' });
      await sleep(200);
      const record = wang(method, args(loanId)).then(
        () => 'landed',
        (err: { code?: string }) => err.code,
      );
      // Before the fix the check read the assignment as last committed while the write waited.
      await sleep(300);
      await other.release();
      await reassignment;
      expect(await record).toBe('NOT_YOUR_BOOK');
    } finally {
      if (other.holding()) await other.release();
    }
  });
});
