import { describe, expect, it } from 'vitest';
import { indicatorPercent, indicatorPercentNumber, indicatorPointChange } from '../../../electron/shared/indicator-percent';

describe('indicator percentages', () => {
  it('round exact halves up, as a person would, though their binary value lies just below', () => {
    // 23 / 160 = 14.375 %: toFixed on the binary value gave 14.37 %.
    expect(indicatorPercent('nplRatio', 23 / 160)).toBe('14.38%');
    expect(indicatorPercentNumber('nplRatio', 23 / 160)).toBe(14.38);
    expect(indicatorPercent('inspectionCompletion', 1 / 8)).toBe('12.5%');
    expect(indicatorPercent('inspectionCompletion', 3 / 16)).toBe('18.8%');
    expect(indicatorPercent('nplRatio', 0.0152)).toBe('1.52%');
    expect(indicatorPercent('nplRatio', null)).toBe('—');
  });

  it('signs a change in points, rounding halves away from zero either way', () => {
    expect(indicatorPointChange('nplRatio', 23 / 160)).toBe('+14.38个百分点');
    expect(indicatorPointChange('nplRatio', -23 / 160)).toBe('-14.38个百分点');
    expect(indicatorPointChange('nplRatio', 0.00001)).toBe('0.00个百分点');
  });
});
