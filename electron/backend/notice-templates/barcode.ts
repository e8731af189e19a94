import { toSVG } from 'bwip-js/node';

/**
 * A Code 128 barcode of `text` as inline SVG (no canvas, no image file: the print browser loads
 * nothing). Bars only; the text is printed beside it by the document. The SVG stretches to the
 * box its CSS gives it, which keeps the bars' proportions: only their width and height change.
 */
export function code128Svg(text: string): string {
  const svg = toSVG({ bcid: 'code128', text, height: 10, includetext: false, paddingwidth: 0, paddingheight: 0 });
  return svg.replace('<svg ', '<svg class="bars" preserveAspectRatio="none" role="img" aria-label="条形码" ');
}
