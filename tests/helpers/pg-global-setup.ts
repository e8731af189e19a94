import { execFileSync } from 'node:child_process';

/** Starts the throw-away PostgreSQL cluster head office's tests use, unless BL_TEST_PG names a server already. */
export default function setup(): void {
  if (process.env.BL_TEST_PG) return;
  execFileSync('bash', [new URL('../pg/start-server.sh', import.meta.url).pathname], { stdio: ['ignore', 'ignore', 'inherit'] });
}
