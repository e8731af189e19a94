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
