import { describe, expect, it } from 'vitest';
import { pdfText } from '../../helpers/pdf-text';
import { perTestCopy } from '../../helpers/per-test-copy';
import { collectionApp } from '../handover/collection-fixture';

// A printed worklist's rows, its 合计 and the record of the paper come from one state of the
// register: a hand-over that commits while the list is read must not print three rows over a
// 合计 of four.

const b = perTestCopy(collectionApp);
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('a worklist printed while a hand-over lands', () => {
  it.each([0, 1, 2, 3])('rows, 合计 and the record agree (hand-over sent after %i turns)', async (turns) => {
    const h01 = await b.loanId('H01');
    const print = b.call('worklists.print', { query: { list: 'handover' } });
    await ticks(turns);
    const handOver = b.call('handover.handOver', { loanIds: [h01], receiver: '刘科长', note: '' });
    const [printed] = await Promise.all([print, handOver]);
    const text = pdfText(printed.file.contentBase64, b.tmp.file('handover.pdf'));
    const rows = text.match(/\bH0\d\b/g) ?? [];
    const record = await b.app.db.selectFrom('printed_documents').select('figures_json').where('kind', '=', 'worklist').executeTakeFirstOrThrow();
    const figures = JSON.parse(record.figures_json);
    expect(text).toMatch(new RegExp(`合计\\s+${rows.length} 笔`));
    expect(figures.count).toBe(rows.length);
    expect(printed.count).toBe(rows.length);
  });
});
