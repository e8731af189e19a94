import bwipjs from 'bwip-js/node';
import { describe, expect, it } from 'vitest';
import { code128Svg } from '../../../electron/backend/notice-templates/barcode';

/** The bars of an SVG as [left, right] in modules, from our rectangles. */
function ourBars(svg: string): Array<[number, number]> {
  const d = /<path d="([^"]+)"/.exec(svg)![1];
  return [...d.matchAll(/M(\d+) 0h(\d+)v1h-\d+z/g)].map((m) => [Number(m[1]), Number(m[1]) + Number(m[2])]);
}

/**
 * The bars bwip-js's own toSVG draws (vertical strokes, two units a module, two units of padding):
 * each stroke is centred on x with stroke-width w.
 */
function libraryBars(svg: string): Array<[number, number]> {
  const bars: Array<[number, number]> = [];
  for (const path of svg.matchAll(/stroke-width="(\d+)" d="([^"]+)"/g)) {
    const w = Number(path[1]);
    for (const m of path[2].matchAll(/M(\d+(?:\.\d+)?) /g)) bars.push([(Number(m[1]) - w / 2 - 2) / 2, (Number(m[1]) + w / 2 - 2) / 2]);
  }
  return bars.sort((a, b) => a[0] - b[0]);
}

describe('code128Svg', () => {
  it.each(['CS-2026-0001', 'DB-2026-9999', 'QR-2027-0420', 'TS-2026-12345', 'ABC123abc'])('draws the same bars as bwip-js’s toSVG for %s', (text) => {
    const ours = code128Svg(text);
    const library = bwipjs.toSVG({ bcid: 'code128', text, includetext: false, scale: 2, paddingwidth: 1, paddingheight: 0 });
    expect(ourBars(ours).length).toBeGreaterThan(15);
    expect(ourBars(ours)).toEqual(libraryBars(library));
    expect(ours).toMatch(/^<svg class="bars" viewBox="0 0 \d+ 1"/);
  });

  it('refuses text a scanner could not type back', () => {
    expect(() => code128Svg('催字0001')).toThrow();
    expect(() => code128Svg('')).toThrow();
  });
});
