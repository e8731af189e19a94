import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/**
 * Starts the throw-away PostgreSQL cluster head office's tests use, unless BL_TEST_PG names a server already.
 * `npm test` runs Vitest and Playwright side by side, and each starts the server: the start is
 * taken in turn (flock), so that two never create the cluster's folder at once on a clean machine.
 */
export default function setup(): void {
  if (process.env.BL_TEST_PG) return;
  const script = new URL('../pg/start-server.sh', import.meta.url).pathname;
  const lock = path.join(os.tmpdir(), 'branch-ledger-pg-start.lock');
  execFileSync('flock', [lock, 'bash', script], { stdio: ['ignore', 'ignore', 'inherit'] });
}
