import { describe, expect, it } from 'vitest';
import { manifestFileName } from '../../../electron/backend/archive-handover/manifest-file-name';

describe('the manifest file name', () => {
  it('is the batch number and -manifest.json, with what Windows cannot name a file replaced', () => {
    expect(manifestFileName('白文支行档移〔2026〕第001号')).toBe('白文支行档移〔2026〕第001号-manifest.json');
    expect(manifestFileName('A/B:C*支行档移〔2026〕第002号')).toBe('A_B_C_支行档移〔2026〕第002号-manifest.json');
    expect(manifestFileName('x?"<>|\\\u0001. ')).toBe('x_______-manifest.json');
  });
});
