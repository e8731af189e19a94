import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../electron/backend/import/parse/parse-import-file';
import { parseImportFileIn } from '../../../electron/backend/import/parse/parse-in-worker';
import { SAMPLE } from '../../helpers/sample-files';
import { unzip, withEntry, zip } from '../../corpus/zip';

const sample = () => readFileSync(SAMPLE.xlsx);
const SHEET = 'xl/worksheets/sheet1.xml';
// The real parse worker from source: a parse that hangs is given up (and its worker ended) instead of hanging the test.
const workerFromSource = new URL('../../helpers/parse-worker-from-source.mjs', import.meta.url);

function flipped(bytes: Buffer, position: number): Buffer {
  const out = Buffer.from(bytes);
  out[position] ^= 0xff;
  return out;
}

async function refusal(bytes: Uint8Array, fileName = '贷款台账.xlsx'): Promise<{ code: string; userMessage: string } | 'accepted'> {
  try {
    await parseImportFile(bytes, fileName);
    return 'accepted';
  } catch (err) {
    return err as { code: string; userMessage: string };
  }
}

describe('a damaged .xlsx is refused before SheetJS reads it', () => {
  it('a flipped byte that sent SheetJS’s inflater into an endless loop is refused at once', async () => {
    // Byte 842 lies in the compressed workbook.xml.rels: SheetJS never returned from it.
    const giveUp = new AbortController();
    const timer = setTimeout(() => giveUp.abort(new Error('still parsing after 15 s')), 15_000);
    const started = Date.now();
    const outcome = parseImportFileIn(workerFromSource, flipped(sample(), 842), '贷款台账.xlsx', { signal: giveUp.signal });
    await expect(outcome).rejects.toMatchObject({ code: 'UNREADABLE_FILE', userMessage: expect.stringContaining('文件已损坏') });
    clearTimeout(timer);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('a flipped byte that SheetJS read as other cells (products became managers’ names) is refused', async () => {
    expect(await refusal(flipped(sample(), 2862))).toMatchObject({ code: 'UNREADABLE_FILE', userMessage: expect.stringContaining('损坏') });
  });

  it('a stored entry whose bytes no longer match its CRC-32 is refused, not read with a changed balance', async () => {
    const stored = zip(unzip(sample()).entries.map((e) => ({ ...e, method: 0 })));
    const at = stored.indexOf('<v>387650.8</v>');
    expect(at).toBeGreaterThan(0);
    const changed = Buffer.from(stored);
    changed[at + 3] = '4'.charCodeAt(0); // 387650.8 → 487650.8, CRC left as it was
    expect(await refusal(stored)).toBe('accepted');
    expect(await refusal(changed)).toMatchObject({ code: 'UNREADABLE_FILE', userMessage: expect.stringContaining(`“${SHEET}”与其校验值（CRC-32）不符`) });
  });

  it('a workbook cut short is refused as incomplete (SheetJS hung on some)', async () => {
    const bytes = sample();
    for (const length of [100, Math.floor(bytes.length / 2), bytes.length - 10]) {
      const giveUp = new AbortController();
      const timer = setTimeout(() => giveUp.abort(new Error(`still parsing ${length} bytes after 10 s`)), 10_000);
      const outcome = parseImportFileIn(workerFromSource, bytes.subarray(0, length), '贷款台账.xlsx', { signal: giveUp.signal });
      await expect(outcome).rejects.toMatchObject({ code: 'UNREADABLE_FILE', userMessage: expect.stringContaining('不完整') });
      clearTimeout(timer);
    }
  });

  it('a zip bomb (a sheet that unzips a thousandfold) is refused before it is unzipped', async () => {
    const bomb = withEntry(sample(), SHEET, (xml) => xml.replace('</sheetData>', `${' '.repeat(20 * 1024 * 1024)}</sheetData>`));
    expect(bomb.length).toBeLessThan(200_000);
    expect(await refusal(bomb)).toMatchObject({ code: 'FILE_TOO_LARGE', userMessage: expect.stringContaining('压缩炸弹') });
  });

  it('an entry that unzips to more than its header declares is refused', async () => {
    const { entries } = unzip(sample());
    const lying = zip(entries.map((e) => (e.name === SHEET ? { ...e, declaredSize: 1000 } : e)));
    expect(await refusal(lying)).toMatchObject({ code: 'UNREADABLE_FILE' });
  });

  it('an entry written twice, an encrypted entry and an unknown compression method are refused', async () => {
    const { entries } = unzip(sample());
    const sheet = entries.find((e) => e.name === SHEET)!;
    expect(await refusal(zip([...entries, sheet]))).toMatchObject({ code: 'UNREADABLE_FILE' });
    expect(await refusal(zip(entries.map((e) => (e === sheet ? { ...e, flags: 1 } : e))))).toMatchObject({ code: 'UNREADABLE_FILE', userMessage: expect.stringContaining('加密') });
    expect(await refusal(zip(entries.map((e) => (e === sheet ? { ...e, method: 12, packed: deflateRawSync(e.data) } : e))))).toMatchObject({
      code: 'UNREADABLE_FILE',
      userMessage: expect.stringContaining('压缩方式'),
    });
  });

  it('reads the sample rewritten stored or deflated exactly as the original', async () => {
    const original = await parseImportFile(sample(), 'a.xlsx');
    const { entries } = unzip(sample());
    for (const method of [0, 8]) {
      const again = await parseImportFile(zip(entries.map((e) => ({ ...e, method }))), 'a.xlsx');
      expect(again.kind === 'parsed' && again.file.loans).toEqual(original.kind === 'parsed' && original.file.loans);
    }
  });
});
