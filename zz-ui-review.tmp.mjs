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
await page.getByText('全部贷款').first().click();
await page.waitForTimeout(2500);
console.log('URL', page.url());
await shot('36-all-loans');
console.log((await text()).slice(0, 600));
console.log('tail', (await text()).slice(-200));
const vp = page.locator('.ag-body-viewport').first();
const colvals = async (c, n=5) => page.evaluate(([c,n]) => [...document.querySelectorAll('.ag-row')].sort((a,b)=>+a.getAttribute('row-index') - +b.getAttribute('row-index')).slice(0,n).map(r => r.getAttribute('row-index')+':'+(r.querySelector(`[col-id="${c}"]`)?.innerText ?? '?')), [c,n]);
await vp.evaluate(el => el.scrollTop = el.scrollHeight / 2);
await page.waitForTimeout(300);
await shot('37-all-loans-midscroll-immediate');
await page.waitForTimeout(2000);
await shot('38-all-loans-midscroll');
console.log('mid', await colvals('name', 5));
await vp.evaluate(el => el.scrollTop = el.scrollHeight);
await page.waitForTimeout(2000);
await shot('39-all-loans-bottom');
const hdrs = await page.locator(`.ag-header-cell`).evaluateAll(els => els.map(e => e.getAttribute('col-id')+':'+e.innerText.trim()));
console.log(hdrs.join(' | '));
} catch (e) { console.log('SCRIPT ERROR', e.message); try { await shot('zz-error'); } catch {} }
console.log('--- logs ---\n'+logs.join('\n'));
await browser.close();
