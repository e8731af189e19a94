import { sql } from 'kysely';
import type { NoticeCounts, NoticeCountRow } from '../../shared/api/month-end';
import { NOTICE_KIND_LABELS, NOTICE_KINDS, type NoticeKind } from '../../shared/notices';
import type { ReadDb } from '../db/read-db';
import { monthRange } from '../targets/board';

const PINYIN = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

/** Notices issued and receipts returned in the month, by kind and by the loan's current manager (NOTICES_DEFINITION). */
export async function noticeCounts(db: ReadDb, month: string): Promise<NoticeCounts> {
  const { first, next } = monthRange(month);
  const { rows } = await sql<{ kind: NoticeKind; manager_id: string | null; name: string | null; issued: number; receipts: number }>`
    select n.kind, cm.manager_id, s.display_name as name,
      sum(n.status <> 'cancelled' and n.issued_on >= ${first} and n.issued_on < ${next}) as issued,
      sum(n.receipt_on >= ${first} and n.receipt_on < ${next}) as receipts
    from notices n
    left join current_loan_managers cm on cm.loan_id = n.loan_id
    left join staff s on s.id = cm.manager_id
    where n.status <> 'printing'
      and ((n.issued_on >= ${first} and n.issued_on < ${next}) or (n.receipt_on >= ${first} and n.receipt_on < ${next}))
    group by n.kind, cm.manager_id`.execute(db);
  const byKind = NOTICE_KINDS.map((kind) => ({ kind, label: NOTICE_KIND_LABELS[kind], issued: 0, receipts: 0 }));
  const managers = new Map<string | null, NoticeCountRow>();
  const total = { issued: 0, receipts: 0 };
  for (const r of rows) {
    const issued = Number(r.issued ?? 0);
    const receipts = Number(r.receipts ?? 0);
    const k = byKind.find((x) => x.kind === r.kind);
    if (k) {
      k.issued += issued;
      k.receipts += receipts;
    }
    let m = managers.get(r.manager_id);
    if (!m) managers.set(r.manager_id, (m = { managerId: r.manager_id, name: r.name ?? '未分配', issued: 0, receipts: 0 }));
    m.issued += issued;
    m.receipts += receipts;
    total.issued += issued;
    total.receipts += receipts;
  }
  const byManager = [...managers.values()].sort((x, y) => (x.managerId === null ? 1 : 0) - (y.managerId === null ? 1 : 0) || PINYIN.compare(x.name, y.name));
  return { byKind, byManager, total };
}
