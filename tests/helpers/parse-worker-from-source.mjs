// The import-parse worker straight from its TypeScript source (compiled on the fly by tsx), for
// tests that run without a build. It announces its OS thread on a BroadcastChannel, so that a test
// can see from /proc whether the thread is still alive.
import { readlinkSync } from 'node:fs';
import { BroadcastChannel } from 'node:worker_threads';

// Announced before tsx loads (which takes a while on a busy machine), so that the announcement
// comes right after the thread starts and well inside any time limit a test sets.
const channel = new BroadcastChannel('parse-workers');
// "<pid>/task/<tid>" on Linux.
channel.postMessage({ started: readlinkSync('/proc/thread-self') });
channel.close();
const { register } = await import('tsx/esm/api');
register();
await import('../../electron/backend/import/parse/parse-worker.ts');
