import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../helpers/pdf-text';
import { perTestCopy } from '../../helpers/per-test-copy';
import { archiveApp, ARCHIVE_LOANS, importArchiveLoans } from '../archives/archive-fixture';
import { reviewFiles } from './handover-helpers';
import { code128OnPages } from './label-barcodes';

const t = perTestCopy((file) => archiveApp(file));

const BATCH_NO = '林家坪支行档移〔2026〕第001号';

describe('archiveBatches.printTransmittal', () => {
  it('prints the batch number, a line per file with its documents and pages, the totals and the three signatures; each print recorded', async () => {
    await reviewFiles(t, ['A01', 'A02', 'A05'], { A01: 3 });
    const made = await t.as.clerk1('archiveBatches.create', { fileIds: [t.files.A01, t.files.A02, t.files.A05] });
    const printed = await t.as.rev2('archiveBatches.printTransmittal', { batchId: made.batchId });
    expect(printed).toMatchObject({ kind: 'file', file: { fileName: `${BATCH_NO}档案移交清单.pdf`, mimeType: 'application/pdf' } });
    const text = pdfText(printed.file.contentBase64, t.tmp.file('transmittal.pdf'));
    expect(text).toContain(BATCH_NO);
    expect(text).toContain('信贷档案移交清单');
    expect(text).toContain('林家坪支行');
    for (const [no, name, pages] of [
      ['A01', '张大山', '9'],
      ['A02', '赵二', '8'],
      ['A05', '吴九', '8'],
    ]) {
      const line = text.split('\n').find((x) => x.includes(no))!;
      expect(line).toContain(name);
      expect(line.trim().endsWith(pages)).toBe(true);
    }
    expect(text).toContain('借款申请书 3页');
    expect(text).toContain('借款合同 5页');
    expect(text).toMatch(/保证合同(?! \d)/);
    expect(text).toMatch(/合计：3 份档案\s+文件 36 份\s+25/);
    for (const who of ['移交人：', '接收人：', '监交人：']) expect(text).toContain(who);
    expect(text.match(/日期：/g)?.length).toBeGreaterThanOrEqual(4);
    expect(text).toContain(made.sha256);

    const reprint = await t.as.rev2('archiveBatches.printTransmittal', { batchId: made.batchId });
    expect(pdfText(reprint.file.contentBase64, t.tmp.file('reprint.pdf'))).toContain('重印');
    const docs = await t.app.db.selectFrom('printed_documents').selectAll().where('kind', '=', 'archive-transmittal').orderBy('created_at').execute();
    expect(docs.map((d) => d.doc_no)).toEqual([BATCH_NO, null]);
    expect(docs[0].sha256).toBe(createHash('sha256').update(Buffer.from(printed.file.contentBase64, 'base64')).digest('hex'));
    expect(docs[0].actor_name).toBe('审查乙');
    expect(JSON.parse(docs[0].figures_json)).toMatchObject({ batchNo: BATCH_NO, files: 3, documents: 36, pages: 25 });
    await expect(t.call('archiveBatches.printTransmittal', { batchId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('archives.printLabels', () => {
  it('prints fourteen labels to an A4 sheet, each with the borrower, loan number, village and a Code 128 that scans back to the loan number', async () => {
    const ids = ARCHIVE_LOANS.map((l) => t.files[l.loanNo]);
    // Sixteen labels: some folders need two (a file in two boxes).
    const printed = await t.as.clerk1('archives.printLabels', { fileIds: [...ids, ...ids, ...ids.slice(0, 4)] });
    expect(printed).toMatchObject({ kind: 'file', file: { mimeType: 'application/pdf' } });
    const file = t.tmp.file('labels.pdf');
    const text = pdfText(printed.file.contentBase64, file);
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(2);
    for (const l of ARCHIVE_LOANS) {
      expect(pages[0]).toContain(`借据号 ${l.loanNo}`);
      expect(pages[0]).toContain(l.name);
      expect(pages[0]).toContain(l.village);
    }
    expect(pages[1]).toContain('借据号 A04');
    expect(pages[1]).not.toContain('借据号 A05');
    const codes = await code128OnPages(file);
    expect(codes).toEqual([[...ARCHIVE_LOANS.map((l) => l.loanNo), ...ARCHIVE_LOANS.map((l) => l.loanNo), 'A01', 'A02'].sort(), ['A03', 'A04']]);
    const docs = await t.app.db.selectFrom('printed_documents').selectAll().where('kind', '=', 'archive-labels').execute();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ doc_no: null, actor_name: '内勤甲' });
    expect(JSON.parse(docs[0].figures_json)).toMatchObject({ labels: 16 });
  });

  it('refuses, naming them, loan numbers a Code 128 cannot carry, and prints nothing', async () => {
    await importArchiveLoans(t.call, [...ARCHIVE_LOANS, { ...ARCHIVE_LOANS[0], loanNo: '贷字07', name: '冯十一' }], '2026-12-01');
    const file = await t.app.db
      .selectFrom('archive_files as f')
      .innerJoin('loans as l', 'l.id', 'f.loan_id')
      .select('f.id')
      .where('l.loan_no', '=', '贷字07')
      .executeTakeFirstOrThrow();
    await expect(t.as.rev1('archives.printLabels', { fileIds: [t.files.A01, file.id] })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: '以下借据号含有条形码（Code 128）无法表示的字符（如汉字或全角字符），不能打印标签：贷字07。',
    });
    expect(await t.app.db.selectFrom('printed_documents').selectAll().where('kind', '=', 'archive-labels').execute()).toEqual([]);
  });
});
