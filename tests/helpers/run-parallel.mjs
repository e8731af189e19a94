// Runs npm scripts that share no output at once, for `npm test`: the type-check, lint and the
// renderer's build (each uses one core at a time); it can run Vitest beside Playwright too (both wait on
// Chromium, child processes and SQLite much of their time, so one alone leaves a core idle). Each
// script's output is held and printed whole when it ends, in the order named; the step fails if
// any script failed, after all have ended.
//   node tests/helpers/run-parallel.mjs typecheck lint test:renderer
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(npm, ['run', script], { shell: process.platform === 'win32', stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => out.push(chunk));
    child.on('error', (err) => out.push(Buffer.from(`${err.message}\n`)));
    child.on('close', (code, signal) => resolve({ script, code: code ?? 1, signal, output: Buffer.concat(out), seconds: (Date.now() - started) / 1000 }));
  });
}

const results = await Promise.all(scripts.map(run));
let failed = 0;
for (const r of results) {
  process.stdout.write(r.output);
  const how = r.code === 0 ? 'ok' : `failed (${r.signal ?? `exit code ${r.code}`})`;
  process.stdout.write(`run-parallel: ${r.script} ${how} in ${r.seconds.toFixed(0)} s\n`);
  if (r.code !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
