import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { createAppContext, closeAppContext } from '../../electron/backend/app-context';
import { generateDemoData } from '../../electron/backend/demo/generator';
const n = Number(process.argv[2] ?? 9000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-'));
const app = await createAppContext(path.join(dir, 'x.sqlite'));
if (process.env.CACHE) { const { sql } = await import('kysely'); await sql.raw('pragma cache_size = ' + process.env.CACHE).execute(app.db); }
const t = performance.now();
let last = 0;
const s = await generateDemoData(app.db, { id: null, name: 'bench' }, { loans: n, seed: 1, onProgress: (d, tot) => { const now = performance.now(); if (now - last > 2000) { last = now; console.log(d, tot, Math.round(now - t)); } } });
const cu = process.cpuUsage(); console.log('cpu s', (cu.user/1e6).toFixed(1), (cu.system/1e6).toFixed(1));
console.log(s, Math.round(performance.now() - t), 'ms', process.memoryUsage().rss / 1e6, 'MB');
await closeAppContext(app);
console.log(fs.statSync(path.join(dir, 'x.sqlite')).size / 1e6, 'MB');
fs.rmSync(dir, { recursive: true });
