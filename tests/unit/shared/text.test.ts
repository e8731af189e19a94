import { describe, it, expect } from 'vitest';
import { toHalfWidth } from '../../../electron/shared/text';

describe('toHalfWidth', () => {
  it('converts full-width digits and letters', () => {
    expect(toHalfWidth('１２３４５６７８９０')).toBe('1234567890');
    expect(toHalfWidth('ＡＢＣｘｙｚ')).toBe('ABCxyz');
  });

  it('converts both ends of the FF01–FF5E range', () => {
    expect(toHalfWidth('\uFF01')).toBe('!');
    expect(toHalfWidth('\uFF5E')).toBe('~');
  });

  it('converts full-width punctuation used in numbers', () => {
    expect(toHalfWidth('－１，２３４．５０')).toBe('-1,234.50');
    expect(toHalfWidth('（０３５８）')).toBe('(0358)');
    expect(toHalfWidth('／；：＋')).toBe('/;:+');
  });

  it('turns the ideographic space into an ASCII space', () => {
    expect(toHalfWidth('a\u3000b')).toBe('a b');
  });

  it('leaves CJK text and characters outside the range alone', () => {
    expect(toHalfWidth('临县白文镇刘家会村3组')).toBe('临县白文镇刘家会村3组');
    expect(toHalfWidth('￥、。，')).toBe('￥、。,');
    expect(toHalfWidth('\uFF00\uFF5F')).toBe('\uFF00\uFF5F');
    expect(toHalfWidth('')).toBe('');
  });

  it('handles mixed text', () => {
    expect(toHalfWidth('２０２５年３月２０日')).toBe('2025年3月20日');
    // The first and the last character alone in the range.
    expect(toHalfWidth('\u3000梁梅')).toBe(' 梁梅');
    expect(toHalfWidth('刘家会村３')).toBe('刘家会村3');
  });
});
