import { createHash } from 'node:crypto';
import type { AppContext } from '../../../electron/backend/app-context';
import type { ArchiveApp } from '../archives/archive-fixture';

const TYPE = (n: number) => `0a000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
export const 借款申请书 = TYPE(1);
export const 借款合同 = TYPE(7);
export const 借据 = TYPE(8);

/**
 * Files to 已审查 the way the app gets them there: the clerk enters some page counts, marks every
 * required document present and submits; a reviewer who edited nothing approves.
 */
export async function reviewFiles(a: ArchiveApp, loanNos: readonly string[], pages: Record<string, number> = {}): Promise<string[]> {
  const fileIds = loanNos.map((no) => a.files[no]);
  for (const no of loanNos) {
    const file = await a.as.clerk1('archives.file', { fileId: a.files[no] });
    await a.as.clerk1('archives.setDocuments', {
      fileId: a.files[no],
      updatedAt: file.row.updatedAt,
      cells: [
        { docTypeId: 借款申请书, state: 'present', pages: pages[no] ?? 2 },
        { docTypeId: 借款合同, state: 'present', pages: 5 },
        { docTypeId: 借据, state: 'present', pages: 1 },
      ],
    });
  }
  await a.as.clerk1('archives.fillDocuments', { fileIds, docTypeIds: 'required', state: 'present', submit: true });
  await a.as.rev1('archives.review', { fileIds, decision: 'approve' });
  return fileIds;
}

/**
 * RFC 8785 canonical JSON written out here, apart from the app's library, for what a manifest
 * holds (strings, integers, null, arrays, objects): keys sorted by UTF-16 code units, no spaces.
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isInteger(value)) throw new Error('the test canonicalizer takes integers only');
  return JSON.stringify(value);
}

/** The SHA-256 a manifest should carry: of its canonical JSON without the sha256 field. */
export function expectedSha256(manifest: Record<string, unknown>): string {
  const { sha256: _ignored, ...content } = manifest;
  return createHash('sha256').update(canonical(content), 'utf8').digest('hex');
}

/** Every row of the tables a hand-over or a receipt writes, and the change log's length: a refusal changes none. */
export async function archiveTables(app: AppContext) {
  const db = app.db;
  const n = await db.selectFrom('change_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return {
    batches: await db.selectFrom('archive_batches').selectAll().orderBy('id').execute(),
    files: await db.selectFrom('archive_files').selectAll().orderBy('id').execute(),
    events: await db.selectFrom('archive_events').selectAll().orderBy('id').execute(),
    changes: Number(n.n),
  };
}

/** Head office's receipt file for a manifest text: every file received but those given a reason. */
export function receiptFor(manifestText: string, discrepancies: Record<string, string> = {}, over: Record<string, unknown> = {}): string {
  const manifest = JSON.parse(manifestText) as { files: Array<{ loanNo: string }> };
  return JSON.stringify({
    manifest,
    results: manifest.files.map((f) =>
      discrepancies[f.loanNo] ? { loanNo: f.loanNo, status: 'discrepancy', reason: discrepancies[f.loanNo] } : { loanNo: f.loanNo, status: 'received' },
    ),
    receivedBy: '总行档案室 刘科长',
    receivedOn: '2026-12-02',
    ...over,
  });
}

/** The stored manifest text of a batch. */
export async function manifestText(a: ArchiveApp, batchId: string): Promise<string> {
  const download = await a.call('archiveBatches.manifest', { batchId });
  return Buffer.from(download.contentBase64, 'base64').toString('utf8');
}
