/**
 * The SMS platform's upload file: two columns, 手机号码 and 短信内容, one row per message.
 * .xlsx (SheetJS, phones as text cells so no leading digit or format is lost) or .csv in UTF-8
 * with a BOM (so Excel and the platform read the Chinese text as UTF-8), CRLF line ends.
 */
import type * as SheetJs from '@e965/xlsx';
import type { SmsFormat, SmsMessageView } from '../../shared/api/sms';

export const SMS_FILE_HEADER = ['手机号码', '短信内容'] as const;

const MIME: Record<SmsFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
};

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export async function smsUploadFile(format: SmsFormat, messages: readonly Pick<SmsMessageView, 'phone' | 'text'>[]): Promise<{ bytes: Buffer; mimeType: string }> {
  if (format === 'csv') {
    const lines = [SMS_FILE_HEADER.join(','), ...messages.map((m) => `${csvField(m.phone)},${csvField(m.text)}`)];
    return { bytes: Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8'), mimeType: MIME.csv };
  }
  // Loaded here, for an .xlsx only: not by every start of the app or the CLI.
  const XLSX = await import('@e965/xlsx');
  const sheet = XLSX.utils.aoa_to_sheet([[...SMS_FILE_HEADER], ...messages.map((m) => [m.phone, m.text])]);
  for (let r = 1; r <= messages.length; r++) {
    const cell = sheet[XLSX.utils.encode_cell({ r, c: 0 })] as SheetJs.CellObject | undefined;
    if (cell) {
      cell.t = 's';
      cell.z = '@';
    }
  }
  sheet['!cols'] = [{ wch: 14 }, { wch: 80 }];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '短信');
  const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  return { bytes, mimeType: MIME.xlsx };
}
