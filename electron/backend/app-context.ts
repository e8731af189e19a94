import { openDatabase, type Db } from './db/connection';
import { migrateToLatest, type MigrateOutcome } from './db/migrator';
import { SessionStore } from './auth/sessions';

/** Everything a handler may use. Built once per process by whoever hosts the backend. */
export interface AppContext {
  db: Db;
  dbPath: string;
  sessions: SessionStore;
}

/** Opens the database, migrates it (backup first), and returns the context. */
export async function createAppContext(dbPath: string): Promise<AppContext & { migration: MigrateOutcome }> {
  const db = await openDatabase(dbPath);
  try {
    const migration = await migrateToLatest(db, dbPath);
    return { db, dbPath, sessions: new SessionStore(), migration };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

export async function closeAppContext(ctx: AppContext): Promise<void> {
  await ctx.db.destroy();
}
