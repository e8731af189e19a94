import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NoticeProgress } from '../../../electron/shared/api/notices';
import { dispatch } from '../../../electron/backend/rpc/dispatch';
import { perTest } from '../../helpers/per-test';
import { noticeApp, importNoticeLoans, NOTICE_LOANS, type NoticeLoan } from './notice-fixture';

/** 60 more overdue loans in one village (63 with the fixture's three). */
const MANY: NoticeLoan[] = Array.from({ length: 60 }, (_, i) => ({
  ...NOTICE_LOANS[2],
  customerNo: `C${100 + i}`,
  name: `赵${String(i).padStart(3, '0')}`,
  loanNo: `M${String(i).padStart(3, '0')}`,
}));

const b = perTest(async (file) => {
  const app = await noticeApp(file);
  await importNoticeLoans(app.call, [...NOTICE_LOANS, ...MANY]);
  return app;
});

describe('a long batch', () => {
  it('reports its stages as it goes, and comes out as one PDF with every notice on its own page, in order', async () => {
    const events: NoticeProgress[] = [];
    const result = await dispatch(
      b.app,
      'notices.issue',
      { kind: 'overdue', scope: { by: 'branch' } },
      { token: b.token, callId: 'long-batch-1', sendEvent: (e) => events.push(e.payload as NoticeProgress) },
    );
    if (!result.ok) throw new Error(result.error.message);
    const outcome = result.value as { issued: number; print: { file: { contentBase64: string } } };
    expect(outcome.issued).toBe(63);
    expect(events.map((e) => `${e.stage} ${e.done}/${e.total}`)).toEqual([
      'numbering 63/63',
      'rendering 0/63',
      'saving 63/63',
    ]);
    const file = b.tmp.file('long.pdf');
    writeFileSync(file, Buffer.from(outcome.print.file.contentBase64, 'base64'));
    const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBe(63);
    pages.forEach((page, i) => expect(page).toContain(`林家坪支行催字〔2026〕第${String(i + 1).padStart(4, '0')}号`));
  });
});
