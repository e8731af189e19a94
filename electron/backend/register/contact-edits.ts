import { checkPhone, normalizePhone } from '../../shared/phone';
import type { Writer } from '../rpc/handler-types';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';

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

export interface ContactPatch {
  whereabouts?: string;
  contactName?: string;
  contactPhone?: string;
  notes?: string;
}

/** Local contact fields: the core system never sends them, so imports never touch them. */
export async function updateContact(write: Writer, borrowerId: string, patch: ContactPatch): Promise<void> {
  const contactPhone = patch.contactPhone === undefined || patch.contactPhone === '' ? patch.contactPhone : validPhone(patch.contactPhone, '联系人电话');
  await write(async (w) => {
    const before = await borrowerOrFail(w.trx, borrowerId);
    await w.update('borrowers', before, {
      whereabouts: patch.whereabouts,
      contact_name: patch.contactName,
      contact_phone: contactPhone,
      notes: patch.notes,
    });
  });
}

export interface PhoneInput {
  borrowerId: string;
  phoneId?: string;
  phone: string;
  note: string;
  verifiedOn?: string | null;
}

/**
 * Adds a phone, or corrects one. A corrected core phone keeps its `core_value`, so the next
 * import recognises it and does not bring the old number back.
 */
export async function savePhone(write: Writer, input: PhoneInput): Promise<void> {
  const phone = validPhone(input.phone, '电话');
  await write(async (w) => {
    await borrowerOrFail(w.trx, input.borrowerId);
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
    if (!before || before.borrower_id !== input.borrowerId) throw new AppError('NOT_FOUND', '找不到该电话记录', `phone ${input.phoneId} not found`);
    await w.update('borrower_phones', before, { phone, note: input.note, verified_on: input.verifiedOn });
  });
}

/**
 * Removes a phone staff added by mistake. A core phone is not removed: the next import would
 * bring it back; corrected instead (savePhone), its old number never returns.
 */
export async function deletePhone(write: Writer, input: { borrowerId: string; phoneId: string }): Promise<void> {
  await write(async (w) => {
    const before = await w.trx.selectFrom('borrower_phones').selectAll().where('id', '=', input.phoneId).executeTakeFirst();
    if (!before || before.borrower_id !== input.borrowerId) throw new AppError('NOT_FOUND', '找不到该电话记录', `phone ${input.phoneId} not found`);
    if (before.source === 'core') {
      throw new AppError('CORE_PHONE', '核心系统登记的号码不能删除；号码有误请直接改成正确号码，改后旧号码不会再被导入。', 'core phones are corrected, not deleted');
    }
    await w.delete('borrower_phones', before);
  });
}
