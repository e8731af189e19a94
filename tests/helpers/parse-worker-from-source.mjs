// The import-parse worker straight from its TypeScript source (compiled on the fly by tsx), for
// tests that run without a build. It announces its OS thread on a BroadcastChannel, so that a test
// can see from /proc whether the thread is still alive.
import { readlinkSync } from 'node:fs';
import { BroadcastChannel } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const channel = new BroadcastChannel('parse-workers');
// "<pid>/task/<tid>" on Linux.
channel.postMessage({ started: readlinkSync('/proc/thread-self') });
channel.close();
await import('../../electron/backend/import/parse/parse-worker.ts');
