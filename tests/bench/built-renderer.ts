import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** What the renderer bundle is built from: its own sources and the shared code it imports. */
const SOURCES = ['renderer', 'electron/shared', 'electron.vite.config.ts', 'package-lock.json'];

function newestChange(file: string): number {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(file)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestChange(path.join(file, entry)));
  }
  return newest;
}

/**
 * The built renderer (out/renderer) the HTTP bridge serves; built first (`npx electron-vite build`)
 * when it is missing or older than any of its sources, so the browser benches time today's code.
 */
export function builtRenderer(): string {
  const dir = path.join(repoRoot, 'out', 'renderer');
  const index = path.join(dir, 'index.html');
  const sources = SOURCES.map((s) => path.join(repoRoot, s)).filter((s) => existsSync(s));
  const stale = !existsSync(index) || statSync(index).mtimeMs < Math.max(...sources.map(newestChange));
  if (stale) {
    process.stderr.write('  out/renderer is missing or older than its sources: npx electron-vite build …\n');
    execFileSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return dir;
}
