// Whether the built CLI (out/cli/cli.js) is missing or older than its sources: any file or folder
// under electron/ or migrations/ changed after it was built (an edit, a new or deleted file, a
// checkout), or the lockfile (the bundle holds a few packages). It stats a few hundred entries, a
// few ms: the launcher asks at every start.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { BUILT_CLI, ROOT } from './cli-build.mjs';

const SOURCES = ['electron', 'migrations'];
const LOCKFILE = 'package-lock.json';

export function builtCliIsStale() {
  let built;
  try {
    built = statSync(BUILT_CLI).mtimeMs;
  } catch {
    return true;
  }
  return statSync(path.join(ROOT, LOCKFILE)).mtimeMs > built || SOURCES.some((dir) => changedSince(path.join(ROOT, dir), built));
}

/** Stops at the first entry newer than `since`. */
function changedSince(dir, since) {
  if (statSync(dir).mtimeMs > since) return true;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() ? changedSince(full, since) : statSync(full).mtimeMs > since) return true;
  }
  return false;
}
