import { readFileSync } from 'node:fs';
import type { SmsPreview } from '../../electron/shared/api/sms';
import { expect, shot, test } from './fixtures';
import { asAdmin, generateDemoData, initBranch, nav, openSignedIn } from './flows';

test('短信提醒: from a worklist, a template previewed with its length and segments, the phones that cannot receive it, a .csv export and 确认已上传', async ({ page, app }) => {
  await initBranch(app);
  await generateDemoData(app);
  const template = '{姓名}您好，您的贷款{贷款账号}应还{金额}元，请于{日期}前还款。客户经理电话{客户经理电话}。';
  const expected = await asAdmin<SmsPreview>(app, 'sms.preview', { query: { list: 'due-soon' }, template, managerPhone: '13800138000' });
  expect(expected.messages.length).toBeGreaterThan(0);

  await openSignedIn(page, app);
  await nav(page, '清单').click();
  await expect(page.getByRole('heading', { name: '工作清单' })).toBeVisible();
  await page.getByTestId('worklist-sms').click();
  const dialog = page.getByTestId('sms-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('sms-template').fill(template);
  await expect(dialog.getByTestId('sms-problem')).toContainText('的客户经理没有登记电话');
  await expect(dialog.getByTestId('sms-export-csv')).toBeDisabled();
  await dialog.getByTestId('sms-manager-phone').fill('138 0013 8000');
  await expect(dialog.getByTestId('sms-problem')).toHaveCount(0);
  const first = expected.messages[0];
  await expect(dialog.getByTestId('sms-first-text')).toHaveText(first.text);
  await expect(dialog.getByTestId('sms-first-count')).toContainText(`${first.length} 字，${first.segments} 条短信`);
  await expect(dialog.getByTestId('sms-totals')).toContainText(`可发送 ${expected.messages.length} 条`);
  if (expected.skipped.length > 0) await expect(dialog.getByTestId('sms-skipped')).toContainText(expected.skipped[0].loanNo);
  await shot(page, 'sms-dialog');

  // 71 characters: two segments.
  await dialog.getByTestId('sms-template').fill('请'.repeat(71));
  await expect(dialog.getByTestId('sms-first-count')).toContainText('71 字，2 条短信');
  await dialog.getByTestId('sms-template').fill(template);
  await expect(dialog.getByTestId('sms-first-text')).toHaveText(first.text);

  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('sms-export-csv').click()]);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csvText = /[",\r\n]/.test(first.text) ? `"${first.text.replace(/"/g, '""')}"` : first.text;
  expect(bytes.subarray(3).toString('utf8').split('\r\n')[1]).toBe(`${first.phone},${csvText}`);
  await expect(dialog.getByTestId('sms-notice')).toContainText(`${expected.messages.length} 条短信`);
  expect(await app.ctx.db.selectFrom('contacts').selectAll().execute()).toHaveLength(0);

  await dialog.getByTestId('sms-confirm').click();
  await expect(dialog.getByTestId('sms-notice')).toContainText(`登记了 ${expected.messages.length} 条短信联系记录`);
  await expect(dialog.getByTestId('sms-confirm')).toBeDisabled();
  const contacts = await app.ctx.db.selectFrom('contacts').select(['way', 'sms_message_id']).execute();
  expect(contacts).toHaveLength(expected.messages.length);
  expect(contacts.every((c) => c.way === 'sms' && c.sms_message_id !== null)).toBe(true);
});
