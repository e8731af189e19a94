// Builds the CLI as plain JavaScript into out/cli/: cli.js and the import-parse worker beside it
// (parse-worker.js), each one bundle of our code and a few packages (below). Run by
// `npm run build` and, when a source is newer than out/cli/cli.js, by the launcher (cli-launcher.mjs).
import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI_OUT = path.join(ROOT, 'out', 'cli');
export const BUILT_CLI = path.join(CLI_OUT, 'cli.js');

const ENTRIES = {
  cli: 'electron/cli.ts',
  // The same worker the desktop app builds (electron.vite.config.ts, main).
  'parse-worker': 'electron/backend/import/parse/parse-worker.ts',
};

// Pure-JS packages of many small files that every start loads: bundled, they are read as part of one
// file instead of hundreds (a fifth of a start's CPU, measured). The rest stay in node_modules:
// sqlite3 (native), packages of one or two large files (xlsx, bwip-js: nothing to gain, a slower
// build), playwright-core and exceljs (loaded for some commands only), and any package not tried here.
const BUNDLED_PACKAGES = new Set(['kysely', 'zod', 'pinyin-pro', 'csv-parse']);

const otherPackagesExternal = {
  name: 'other-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point' || path.isAbsolute(args.path)) return undefined;
      const name = args.path.split('/').slice(0, args.path.startsWith('@') ? 2 : 1).join('/');
      return BUNDLED_PACKAGES.has(name) ? undefined : { external: true };
    });
  },
};

export async function buildCli() {
  // Loaded here, not at the top: the launcher imports this file's paths at every start, and builds seldom.
  const { build } = await import('esbuild');
  // Stamped on cli.js: a source saved while the build reads the tree is newer than it, so the next start rebuilds.
  const started = new Date();
  mkdirSync(CLI_OUT, { recursive: true });
  // Built aside, then renamed into place, so that a CLI starting meanwhile (or building too) never reads half a file.
  const scratch = mkdtempSync(path.join(CLI_OUT, '.building-'));
  try {
    await build({
      absWorkingDir: ROOT,
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, path.join(ROOT, file)])),
      outdir: scratch,
      bundle: true,
      plugins: [otherPackagesExternal],
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // with-database.ts: the built CLI starts the built worker beside it, not the source one through tsx.
      define: { __CLI_PARSE_WORKER__: JSON.stringify('./parse-worker.js') },
      logLevel: 'silent',
    });
    renameSync(path.join(scratch, 'parse-worker.js'), path.join(CLI_OUT, 'parse-worker.js'));
    utimesSync(path.join(scratch, 'cli.js'), started, started);
    renameSync(path.join(scratch, 'cli.js'), BUILT_CLI);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli();
}
