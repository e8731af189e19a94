import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';
import { pdfText } from '../../helpers/pdf-text';
import { edgeCaseApp, EDGE_LOANS } from './worklist-fixture';

let tmp: ReturnType<typeof makeTempDir>;
let b: Awaited<ReturnType<typeof edgeCaseApp>>;
beforeAll(async () => {
  tmp = makeTempDir();
  b = await edgeCaseApp(tmp.file('ledger.sqlite'));
});
afterAll(async () => {
  await b?.close();
  tmp.cleanup();
});

describe('printing a worklist', () => {
  it('prints every loan of the list with its count and sums, and records the paper with the figures as printed', async () => {
    const query = { list: 'handover' as const };
    const listed = await b.call('worklists.list', { query, limit: 1000 });
    const printed = await b.call('worklists.print', { query });
    expect(printed.kind).toBe('file');
    expect(printed.count).toBe(listed.count);
    const text = pdfText(printed.file.contentBase64, tmp.file('handover.pdf'));
    expect(text).toContain('待移交风险资产部');
    for (const row of listed.rows) expect(text).toContain(row.loanNo);
    const notOnList = EDGE_LOANS.filter((l) => !listed.rows.some((r: { loanNo: string }) => r.loanNo === l.loanNo));
    expect(notOnList.length).toBeGreaterThan(0);
    for (const l of notOnList) expect(text).not.toContain(l.loanNo);
    expect(text).toMatch(new RegExp(`合计\\s+${listed.count} 笔`));
    const record = await b.app.db.selectFrom('printed_documents').selectAll().where('kind', '=', 'worklist').executeTakeFirstOrThrow();
    expect(JSON.parse(record.figures_json)).toMatchObject({ count: listed.count, balanceFen: listed.balanceFen, interestOwedFen: listed.interestOwedFen });
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.actor_name).toBe('管理员甲');
  });
});
