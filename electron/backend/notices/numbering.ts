import { documentBranchName } from '../../shared/document-number';
import { NOTICE_NUMBER_WORDS, SCAN_CODE_LETTERS, type NoticeKind } from '../../shared/notices';
import type { WriteContext } from '../changelog/write-context';

/** `白文支行催字〔2026〕第0001号`: the branch (documentBranchName), the kind's word, the year and its sequence. */
export function noticeNumber(branchName: string | undefined, kind: NoticeKind, year: number, seq: number): string {
  return `${documentBranchName(branchName)}${NOTICE_NUMBER_WORDS[kind]}字〔${year}〕第${String(seq).padStart(4, '0')}号`;
}

/** The same number in the characters a Code 128 barcode carries and a scanner types: `CS-2026-0001`. */
export function scanCode(kind: NoticeKind, year: number, seq: number): string {
  return `${SCAN_CODE_LETTERS[kind]}-${year}-${String(seq).padStart(4, '0')}`;
}

/**
 * The next `count` sequence numbers of a kind in a year, read in the caller's write transaction:
 * SQLite lets one writer in at a time, so two batches (two windows, the app and the CLI) never
 * take the same numbers, and max + 1 never leaves a gap. The unique (kind, year, seq) index
 * guards it besides.
 */
export async function nextSeq(w: WriteContext, kind: NoticeKind, year: number): Promise<number> {
  const last = await w.trx
    .selectFrom('notices')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('kind', '=', kind)
    .where('year', '=', year)
    .executeTakeFirst();
  return (last?.seq ?? 0) + 1;
}
