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
await hdr('balanceFen').locator('.ag-header-cell-label').click();
await page.waitForTimeout(1200);
console.log('sort1', await colvals('balanceFen'));
await hdr('balanceFen').locator('.ag-header-cell-label').click();
await page.waitForTimeout(1200);
console.log('sort2', await colvals('balanceFen'));
await shot('31-sort-balance');
console.log('footer', await page.locator('.page-foot, footer, .grid-foot').first().innerText().catch(()=>''), (await text()).slice(-120));
// filter risk
await hdr('riskClass').locator('.ag-header-cell-filter-button, [data-ref=eFilterButton]').first().click();
await page.waitForTimeout(800);
await shot('32-filter-risk-open');
console.log('popup html', await page.locator('.ag-popup').first().evaluate(e=>e.innerText).catch(()=>'none'));
} catch (e) { console.log('SCRIPT ERROR', e.message); try { await shot('zz-error'); } catch {} }
console.log('--- logs ---\n'+logs.join('\n'));
await browser.close();
