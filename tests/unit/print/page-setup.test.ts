import { describe, expect, it } from 'vitest';
import { DEFAULT_MARGIN_MM, pageSetup } from '../../../electron/backend/print/page-setup';

describe('pageSetup', () => {
  it('prints backgrounds, with the default margins unless given', () => {
    expect(pageSetup({ landscape: true, format: 'A4' })).toEqual({
      landscape: true,
      printBackground: true,
      displayHeaderFooter: false,
      headerTemplate: undefined,
      footerTemplate: undefined,
      marginMm: DEFAULT_MARGIN_MM,
    });
    const marginMm = { top: 20, right: 8, bottom: 18, left: 8 };
    expect(pageSetup({ landscape: false, format: 'A4', marginMm })).toMatchObject({ landscape: false, marginMm });
  });

  it('fills the missing one of header and footer, so Chromium does not print its own (date, title, URL)', () => {
    expect(pageSetup({ landscape: true, format: 'A4', footerTemplate: '<div>第 1 页</div>' })).toMatchObject({
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: '<div>第 1 页</div>',
    });
    expect(pageSetup({ landscape: true, format: 'A4', headerTemplate: '<div>清册</div>' })).toMatchObject({
      displayHeaderFooter: true,
      headerTemplate: '<div>清册</div>',
      footerTemplate: '<span></span>',
    });
  });
});
