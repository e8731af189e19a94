import { chromium } from '@playwright/test';
import fs from 'node:fs';
const BASE = process.env.BASE || 'http://127.0.0.1:5199/';
const S = '/tmp/ui-review/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: {width: 1440, height: 900}, acceptDownloads: true });
const page = await ctx.newPage();
const logs=[];
page.on('console', m => { if (m.type()!=='log' && m.type()!=='debug') logs.push(m.type()+': '+m.text()); });
page.on('pageerror', e => logs.push('pageerror: '+e.message));
page.on('response', r => { if (r.status() >= 400) logs.push('HTTP '+r.status()+' '+r.url()); });
async function shot(n) { await page.screenshot({ path: S+n+'.png' }); }
async function login() {
  await page.goto(BASE);
  await page.locator('input[name=username]').fill('admin');
  await page.locator('input[name=password]').fill('demo1234');
  await page.locator('input[name=password]').press('Enter');
  await page.waitForURL(/register/);
  await page.waitForTimeout(1500);
}
const text = async (sel='body') => (await page.locator(sel).first().innerText());
try {
await login();
await page.getByText('薛家圪台村').first().click();
await page.waitForTimeout(2000);
const hdr = (col) => page.locator(`.ag-header-cell[col-id="${col}"]`);
const colvals = async (c, n=8) => page.evaluate(([c,n]) => [...document.querySelectorAll('.ag-row')].sort((a,b)=>+a.getAttribute('row-index') - +b.getAttribute('row-index')).slice(0,n).map(r => r.getAttribute('row-index')+':'+(r.querySelector(`[col-id="${c}"]`)?.innerText ?? '?')), [c,n]);
await hdr('riskClass').locator('[data-ref=eFilterButton]').first().click();
await page.waitForTimeout(500);
// options of the select
await page.locator('.ag-popup .ag-picker-field').first().click().catch(e=>console.log('picker', e.message));
await page.waitForTimeout(400);
console.log('options', await page.locator('.ag-list, .ag-select-list').first().innerText().catch(()=>'none'));
await shot('33-filter-options');
await page.keyboard.press('Escape');
await page.locator('.ag-popup input[type=text], .ag-popup input:not([type])').first().fill('关注');
await page.waitForTimeout(1500);
await page.keyboard.press('Escape');
await page.waitForTimeout(500);
console.log('risk', await colvals('riskClass', 20));
console.log('tail', (await text()).slice(-110));
await shot('34-filter-risk-applied');
// add sort by overdue days
await hdr('principalOverdueDays').locator('.ag-header-cell-label').click();
await page.waitForTimeout(1000);
await hdr('principalOverdueDays').locator('.ag-header-cell-label').click();
await page.waitForTimeout(1000);
console.log('days', await colvals('principalOverdueDays', 20));
// text filter on name
await hdr('name').locator('[data-ref=eFilterButton]').first().click();
await page.waitForTimeout(500);
await page.locator('.ag-popup input').last().fill('张');
await page.waitForTimeout(1500);
await page.keyboard.press('Escape');
console.log('names', await colvals('name', 30));
console.log('tail', (await text()).slice(-110));
await shot('35-filter-combined');
// Summary cards - did they change?
console.log('cards', await page.locator('.stat, .stats, .summary').first().innerText().catch(()=>''));
} catch (e) { console.log('SCRIPT ERROR', e.message); try { await shot('zz-error'); } catch {} }
console.log('--- logs ---\n'+logs.join('\n'));
await browser.close();
