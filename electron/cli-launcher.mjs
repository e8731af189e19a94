// `npm run cli`: runs the built CLI (out/cli/cli.js) with plain node, building it first when it is
// missing or older than its sources (cli-freshness.mjs), so that a source change reaches the CLI
// without a step of its own, and no start pays the second and a half tsx spends compiling TypeScript.
import { pathToFileURL } from 'node:url';
import { BUILT_CLI, buildCli } from './cli-build.mjs';
import { builtCliIsStale } from './cli-freshness.mjs';

let ready = true;
if (builtCliIsStale()) {
  try {
    await buildCli();
  } catch (err) {
    // Never the previous build: it would answer from code that is no longer the source.
    process.stderr.write(`The CLI could not be built (electron/cli-build.mjs): ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
    ready = false;
  }
}
if (ready) await import(pathToFileURL(BUILT_CLI).href);
