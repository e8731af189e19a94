import { SYSTEM_ACTOR } from '../changelog/actor';
import { writerAs } from '../changelog/write-context';
import type { Writer } from '../rpc/handler-types';
import { createAppContext, closeAppContext, type AppContext } from '../app-context';

/** Opens and migrates the database for one command, and always closes it. */
export async function withDatabase<T>(dbPath: string, fn: (app: AppContext) => Promise<T>): Promise<T> {
  const app = await createAppContext(dbPath);
  try {
    return await fn(app);
  } finally {
    await closeAppContext(app);
  }
}

/** Writes as the built-in system actor (the CLI without --as). */
export function systemWriter(app: AppContext): Writer {
  return writerAs(app.db, SYSTEM_ACTOR);
}
