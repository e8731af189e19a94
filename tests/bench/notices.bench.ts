import { closeAppContext } from '../../electron/backend/app-context';
import { batchDocument } from '../../electron/backend/notices/batch-document';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import type { NoticeFigures } from '../../electron/shared/notices';
import { signedInApp } from '../helpers/signed-in-app';
import type { BenchRun, Figure } from './types';

const NOTICES = 1000;
const RUNS = 3;

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * 1,000 overdue notices in one PDF, through notices.issue (scope read, numbers taken and stored,
 * HTML built, Chromium's render, the PDF kept and hashed, the batch marked printed), beside the
 * bare Chromium render of the very same HTML (the batch's stored figures laid out again) on the
 * same warm browser. Target: the issue at most 1.3 × the bare render.
 */
export const run: BenchRun = async (ws) => {
  const { file } = await ws.demoDatabase(20_000);
  const { app, token } = await signedInApp(file);
  try {
    const overdue = await app.db.selectFrom('loans').select('id').where('status', '=', 'active').where('principal_overdue_days', '>', 0).orderBy('id').limit(NOTICES).execute();
    if (overdue.length < NOTICES) throw new Error(`only ${overdue.length} overdue loans in the demo branch`);
    const loanIds = overdue.map((l) => l.id);
    const pdf = app.pdf();
    await pdf.renderPdf('<html><body>warm-up</body></html>', { landscape: false, format: 'A4' }); // the browser's launch is in neither figure

    const issueMs: number[] = [];
    const bareMs: number[] = [];
    const htmlMs: number[] = [];
    let pages = 0;
    for (let i = 0; i < RUNS; i++) {
      let start = performance.now();
      const result = await dispatch(app, 'notices.issue', { kind: 'overdue', scope: { by: 'loans', loanIds }, deliver: 'file' }, { token });
      issueMs.push(performance.now() - start);
      if (!result.ok) throw new Error(`notices.issue failed: ${result.error.message}`);
      const { batchId } = result.value as { batchId: string };

      const stored = await app.db.selectFrom('notices').select('figures_json').where('batch_id', '=', batchId).orderBy('seq').execute();
      start = performance.now();
      const { html, options } = await batchDocument(app.db, 'overdue', stored.map((r) => JSON.parse(r.figures_json) as NoticeFigures));
      htmlMs.push(performance.now() - start);
      start = performance.now();
      const bare = await pdf.renderPdf(html, options);
      bareMs.push(performance.now() - start);
      pages = (Buffer.from(bare).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    }
    const figures: Figure[] = [
      { name: `notices: ${NOTICES} overdue notices issued into one PDF (notices.issue), mean of ${RUNS}`, value: mean(issueMs), unit: 'ms' },
      { name: `notices: bare Chromium render of the same HTML, mean of ${RUNS}`, value: mean(bareMs), unit: 'ms' },
      { name: 'notices: building the HTML of the batch (letterhead, wording, barcodes), mean', value: mean(htmlMs), unit: 'ms' },
      { name: 'notices: issue ÷ bare render (target ≤ 1.3)', value: mean(issueMs) / mean(bareMs), unit: '×' },
      { name: 'notices: pages in the PDF', value: pages, unit: 'pages' },
    ];
    return figures;
  } finally {
    await closeAppContext(app);
  }
};
