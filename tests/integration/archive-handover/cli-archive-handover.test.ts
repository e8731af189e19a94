import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppContext, createAppContext } from '../../../electron/backend/app-context';
import { cli } from '../../helpers/cli-in-process';
import { makeTempDir } from '../../helpers/temp-dir';
import { archiveApp } from '../archives/archive-fixture';
import { archiveTables, expectedSha256, receiptFor, reviewFiles } from './handover-helpers';

let tmp: ReturnType<typeof makeTempDir>;
let db: string;

beforeAll(async () => {
  tmp = makeTempDir();
  db = tmp.file('ledger.sqlite');
  const a = await archiveApp(db);
  await reviewFiles(a, ['A01', 'A02', 'A03']);
  await a.close();
});
afterAll(() => tmp.cleanup());

/** The archive tables, read with the app closed again. */
async function state() {
  const app = await createAppContext(db);
  try {
    return await archiveTables(app);
  } finally {
    await closeAppContext(app);
  }
}

// The tests run in order on one database: refusals, a batch, then its receipt.
describe('CLI archive handover and archive receipt', () => {
  it('refuses a file not reviewed, no --as and a manager, in Chinese, changing nothing and writing no manifest', async () => {
    const before = await state();
    const out = tmp.file('refused.json');
    const notReviewed = await cli('archive', 'handover', '--db', db, '--loans', 'A01,A04', '--out', out, '--as', 'clerk1', '--json');
    expect(notReviewed.code).toBe(1);
    expect(notReviewed.json.error).toEqual({ code: 'NOT_REVIEWED', message: '只有已审查的档案才能移交。以下档案未审查：A04（收集中）。' });
    expect(notReviewed.stderr).toBe('只有已审查的档案才能移交。以下档案未审查：A04（收集中）。\n');
    const system = await cli('archive', 'handover', '--db', db, '--loans', 'A01', '--out', out);
    expect(system.code).toBe(1);
    expect(system.stderr).toContain('--as <用户名>');
    const unknown = await cli('archive', 'handover', '--db', db, '--loans', 'A01,NOPE', '--out', out, '--as', 'clerk1');
    expect(unknown).toMatchObject({ code: 1, stderr: '找不到借据号：NOPE\n' });
    const usage = await cli('archive', 'handover', '--db', db, '--loans', 'A01', '--as', 'clerk1');
    expect(usage.code).toBe(2);
    expect(usage.stderr.split('\n')[0]).toBe('参数错误：缺少 --out');
    expect(existsSync(out)).toBe(false);
    expect(await state()).toEqual(before);
  });

  it('hands the files over in one batch, writes the manifest to --out and prints the batch, files and SHA-256; an existing --out needs --force', async () => {
    const out = tmp.file('manifest.json');
    const made = await cli('archive', 'handover', '--db', db, '--loans', 'A02,A01', '--out', out, '--as', 'clerk1', '--json');
    expect(made.code, made.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    const manifest = JSON.parse(text);
    expect(made.json).toEqual({ batch: '林家坪支行档移〔2026〕第001号', files: 2, sha256: expectedSha256(manifest) });
    expect(manifest.sha256).toBe(made.json.sha256);
    const { batches } = await state();
    expect(batches[0]).toMatchObject({ manifest: text, sha256: made.json.sha256, status: 'sent' });

    const before = await state();
    const exists = await cli('archive', 'handover', '--db', db, '--loans', 'A03', '--out', out, '--as', 'clerk1', '--json');
    expect(exists.code).toBe(1);
    expect(exists.json.error).toEqual({ code: 'OUT_EXISTS', message: `文件已存在：${out}。要覆盖它请加 --force。` });
    expect(await state()).toEqual(before);
    expect(readFileSync(out, 'utf8')).toBe(text);

    const second = tmp.file('second.json');
    writeFileSync(second, 'an old file');
    const forced = await cli('archive', 'handover', '--db', db, '--loans', 'A03', '--out', second, '--force', '--as', 'head1');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('林家坪支行档移〔2026〕第002号');
    expect(JSON.parse(readFileSync(second, 'utf8')).batch.no).toBe('林家坪支行档移〔2026〕第002号');
  });

  it('applies head office’s receipt with one discrepancy, and refuses a tampered one and the same receipt twice, changing nothing', async () => {
    const text = readFileSync(tmp.file('manifest.json'), 'utf8');
    const tampered = JSON.parse(text);
    tampered.files[1].documents[2].pages = 40;
    const forged = tmp.file('forged.json');
    writeFileSync(forged, receiptFor(JSON.stringify(tampered)));
    const before = await state();
    const refused = await cli('archive', 'receipt', forged, '--db', db, '--as', 'rev2', '--json');
    expect(refused.code).toBe(1);
    expect(refused.json.error.code).toBe('MANIFEST_TAMPERED');
    expect(refused.stderr).toMatch(/^回执中的移交清单与其校验码（SHA-256）不符/);
    expect(await state()).toEqual(before);

    const receipt = tmp.file('receipt.json');
    writeFileSync(receipt, receiptFor(text, { A02: '保证合同缺签字页' }));
    const applied = await cli('archive', 'receipt', receipt, '--db', db, '--as', 'rev2', '--json');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.json).toEqual({ received: 1, discrepancies: 1 });
    const after = await state();
    const a02 = after.files.find((f) => f.batch_id === after.batches.find((b) => b.seq === 1)!.id && f.status === 'discrepancy');
    expect(a02?.status_note).toBe('保证合同缺签字页');

    const twice = await cli('archive', 'receipt', receipt, '--db', db, '--as', 'rev2');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toBe('批次 林家坪支行档移〔2026〕第001号 已于 2026-12-02 登记签收，不能重复登记。\n');
    expect(await state()).toEqual(after);

    const missing = await cli('archive', 'receipt', tmp.file('nope.json'), '--db', db, '--as', 'rev2');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(tmp.file('nope.json'));
  });
});
