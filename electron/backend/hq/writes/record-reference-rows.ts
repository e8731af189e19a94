import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../rpc/app-error';
import type { HqDb } from '../hq-db';
import { REFERENCE_TABLES, type ReferenceTable } from '../reference-tables';
import { hqWrite, type HqWrite } from './hq-write';

export interface ReferenceOutcome {
  table: ReferenceTable;
  branches: string[];
  rows: number;
  /** Rows new or different for some branch: what the next packages carry. */
  changed: number;
}

/**
 * Head office's reference rows for branches (`branch` one, or every registered branch that is not
 * revoked): each checked with the branch's own rules, kept per branch and natural key (a row with
 * a known key replaces that row's values under its id), and renumbered when it changes, so that
 * the next package to the branch carries it.
 */
export async function recordReferenceRows(db: HqDb, actor: string, table: ReferenceTable, input: unknown[], branch: string | null): Promise<ReferenceOutcome> {
  const spec = REFERENCE_TABLES[table];
  const rows = input.map((raw, i) => {
    const parsed = spec.row.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('BAD_INPUT', `第 ${i + 1} 行${issue.path.length > 0 ? `（${issue.path.join('.')}）` : ''}：${issue.message}`, `reference ${table} row ${i + 1}: ${issue.message}`);
    }
    return parsed.data as Record<string, unknown>;
  });
  const keyOf = (r: Record<string, unknown>) => JSON.stringify(spec.key.map((k) => r[k]));
  const keys = new Set<string>();
  for (const r of rows) {
    if (keys.has(keyOf(r))) throw new AppError('BAD_INPUT', `有两行的 ${spec.key.join('、')} 相同：${keyOf(r)}。`, `reference ${table}: key ${keyOf(r)} twice`);
    keys.add(keyOf(r));
  }
  return hqWrite(db, actor, async (w) => {
    let query = w.trx.selectFrom('hq_branches').select('code').where('revoked_at', 'is', null);
    if (branch !== null) query = query.where('code', '=', branch);
    const branches = (await query.orderBy('code').execute()).map((b) => b.code);
    if (branch !== null && branches.length === 0) throw new AppError('NOT_FOUND', `机构号 ${branch} 尚未登记。`, `reference: branch ${branch} not registered`);
    let changed = 0;
    for (const code of branches) {
      if (table === 'archive_doc_rules') await assertDocTypesSent(w, code, rows);
      const existing = await w.trx.selectFrom('hq_rows').select(['id', 'data']).where('branch_code', '=', code).where('table_name', '=', table).execute();
      const byKey = new Map(existing.map((e) => [keyOf(e.data), e]));
      for (const values of rows) {
        const known = byKey.get(keyOf(values));
        if (known && Object.keys(values).every((c) => known.data[c] === values[c])) continue;
        changed++;
        if (known) {
          const data = { ...known.data, ...values, updated_at: w.now };
          await w.trx
            .updateTable('hq_rows')
            .set({ data: JSON.stringify(data), change_seq: sql<number>`nextval('hq_change_seq')`, recorded_by: w.actor, recorded_at: w.now })
            .where('id', '=', known.id)
            .execute();
        } else {
          const id = randomUUID();
          const data = { id, ...values, created_at: w.now, updated_at: w.now };
          await w.trx.insertInto('hq_rows').values({ id, branch_code: code, table_name: table, data: JSON.stringify(data), recorded_by: w.actor, recorded_at: w.now }).execute();
        }
      }
    }
    await w.log('reference_rows', branch, { table, branches, rows: rows.length, changed });
    return { table, branches, rows: rows.length, changed };
  });
}

/**
 * A rule names its document type by name, and the branch refuses a package naming one it does not
 * have: so a rule may name only a type head office has sent that branch (which the branch then
 * has, and may no longer rename).
 */
async function assertDocTypesSent(w: HqWrite, branch: string, rules: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const sent = await w.trx.selectFrom('hq_rows').select('data').where('branch_code', '=', branch).where('table_name', '=', 'archive_doc_types').execute();
  const names = new Set(sent.map((r) => r.data.name));
  const missing = [...new Set(rules.map((r) => String(r.doc_type_name)).filter((n) => !names.has(n)))];
  if (missing.length > 0) {
    throw new AppError('UNKNOWN_DOC_TYPE', `总行尚未给支行 ${branch} 下发这些资料：${missing.join('、')}。请先用 hq reference --table archive_doc_types 下发，再下发规则。`, `reference rules for ${branch}: doc types not sent ${missing.join(', ')}`);
  }
}
