/** Characters Windows refuses in a file name, and control characters. */
// eslint-disable-next-line no-control-regex
const NOT_IN_WINDOWS_NAMES = /[<>:"/\\|?*\u0000-\u001f]/g;

/** `林家坪支行档移〔2026〕第001号-manifest.json`, with anything Windows cannot name a file replaced by _. */
export function manifestFileName(batchNo: string): string {
  // Windows also drops trailing dots and spaces from a name.
  const safe = batchNo.replace(NOT_IN_WINDOWS_NAMES, '_').replace(/[. ]+$/, '');
  return `${safe || 'archive-batch'}-manifest.json`;
}
