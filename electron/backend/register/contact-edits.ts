import { CONTACT_FIELDS, CONTACT_LABELS, type ContactField } from '../../shared/api/register';
import { checkPhone, normalizePhone } from '../../shared/phone';
import type { Writer } from '../rpc/handler-types';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import type { Caller } from '../auth/caller';
import { assertMayWorkOnBorrower } from '../collection/book-access';

function validPhone(input: string, label: string): string {
  const phone = normalizePhone(input);
  if (!checkPhone(phone).ok) {
    throw new AppError('INVALID_PHONE', `${label}“${input}”不是有效的手机号或固定电话（如 13800138000、0358-1234567）`, 'invalid phone (value not logged)');
  }
  return phone;
}

async function borrowerOrFail(db: ReadDb, borrowerId: string) {
  const row = await db.selectFrom('borrowers').selectAll().where('id', '=', borrowerId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '找不到该借款人', `borrower ${borrowerId} not found`);
  return row;
}

const CONTACT_COLUMNS = { whereabouts: 'whereabouts', contactName: 'contact_name', contactPhone: 'contact_phone', notes: 'notes' } as const;

export type ContactPatch = Partial<Record<ContactField, string>>;

/**
 * Local contact fields: the core system never sends them, so imports never touch them.
 * `was` holds each field as the caller showed it; a field is written only if it still holds
 * that, so a save from an older panel or grid cannot put back what another clerk corrected.
 * A field sent unchanged is neither written nor checked: two clerks editing different fields
 * of one household both land. The check is per field, not the row's updated_at, because an
 * import changes the row's core fields without touching these.
 */
export async function updateContact(write: Writer, user: Caller, borrowerId: string, patch: ContactPatch, was: ContactPatch): Promise<void> {
  const wanted: ContactPatch = { ...patch };
  if (wanted.contactPhone !== undefined && wanted.contactPhone !== '') wanted.contactPhone = validPhone(wanted.contactPhone, '联系人电话');
  await write(async (w) => {
    const before = await borrowerOrFail(w.trx, borrowerId);
    await assertMayWorkOnBorrower(w.trx, user, borrowerId);
    const changes: Partial<Record<(typeof CONTACT_COLUMNS)[ContactField], string>> = {};
    for (const field of CONTACT_FIELDS) {
      const value = wanted[field];
      const seen = was[field];
      if (value === undefined || seen === undefined || value === seen) continue;
      const column = CONTACT_COLUMNS[field];
      const now = before[column] ?? '';
      if (now === value) continue;
      if (now !== seen) {
        throw new AppError(
          'STALE_WRITE',
          `${before.name}的“${CONTACT_LABELS[field]}”已被他人改为“${now}”，本次修改未保存。请核对后重新填写。`,
          `borrower ${borrowerId}: ${column} changed since the caller read it`,
        );
      }
      changes[column] = value;
    }
    if (Object.keys(changes).length > 0) await w.update('borrowers', before, changes);
  });
}

export interface PhoneInput {
  borrowerId: string;
  phoneId?: string;
  phone: string;
  note: string;
  verifiedOn?: string | null;
  /** The phone's updated_at as the caller read it; with phoneId. */
  updatedAt?: number;
}

const stalePhone = (phoneId: string) =>
  new AppError('STALE_WRITE', '该电话已被他人修改或删除，本次修改未保存。请刷新后重试。', `phone ${phoneId} changed or removed since the caller read it`);

/**
 * Adds a phone, or corrects one. A corrected core phone keeps its `core_value`, so the next
 * import recognises it and does not bring the old number back.
 */
export async function savePhone(write: Writer, user: Caller, input: PhoneInput): Promise<void> {
  const phone = validPhone(input.phone, '电话');
  await write(async (w) => {
    await borrowerOrFail(w.trx, input.borrowerId);
    await assertMayWorkOnBorrower(w.trx, user, input.borrowerId);
    const duplicate = await w.trx
      .selectFrom('borrower_phones')
      .select('id')
      .where('borrower_id', '=', input.borrowerId)
      .where('phone', '=', phone)
      .executeTakeFirst();
    if (duplicate && duplicate.id !== input.phoneId) throw new AppError('DUPLICATE_PHONE', `该借款人已有电话 ${phone}`, 'phone already on borrower');

    if (!input.phoneId) {
      await w.insert('borrower_phones', {
        borrower_id: input.borrowerId,
        phone,
        note: input.note,
        verified_on: input.verifiedOn ?? null,
        source: 'local',
        core_value: null,
      });
      return;
    }
    const before = await w.trx.selectFrom('borrower_phones').selectAll().where('id', '=', input.phoneId).executeTakeFirst();
    if (!before || before.borrower_id !== input.borrowerId || before.updated_at !== input.updatedAt) throw stalePhone(input.phoneId);
    await w.update('borrower_phones', before, { phone, note: input.note, verified_on: input.verifiedOn });
  });
}

/**
 * Removes a phone staff added by mistake. A core phone is not removed: the next import would
 * bring it back; corrected instead (savePhone), its old number never returns.
 */
export async function deletePhone(write: Writer, user: Caller, input: { borrowerId: string; phoneId: string; updatedAt: number }): Promise<void> {
  await write(async (w) => {
    await assertMayWorkOnBorrower(w.trx, user, input.borrowerId);
    const before = await w.trx.selectFrom('borrower_phones').selectAll().where('id', '=', input.phoneId).executeTakeFirst();
    if (!before || before.borrower_id !== input.borrowerId || before.updated_at !== input.updatedAt) throw stalePhone(input.phoneId);
    if (before.source === 'core') {
      throw new AppError('CORE_PHONE', '核心系统登记的号码不能删除；号码有误请直接改成正确号码，改后旧号码不会再被导入。', 'core phones are corrected, not deleted');
    }
    await w.delete('borrower_phones', before);
  });
}
