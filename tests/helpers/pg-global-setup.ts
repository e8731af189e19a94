import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export const startServerScript = new URL('../pg/start-server.sh', import.meta.url).pathname;

/**
 * Starts the throw-away PostgreSQL cluster head office's tests use, unless BL_TEST_PG names a server
 * already. Vitest (once per project) and Playwright each call it; the script takes the starts in turn.
 */
export default async function setup(): Promise<void> {
  if (process.env.BL_TEST_PG) return;
  await startTestServer();
}

export async function startTestServer(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [startServerScript], { env, timeout: 300_000 });
  return stdout.trim();
}
