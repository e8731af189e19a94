import { afterEach, beforeEach } from 'vitest';
import { closeAppContext, createAppContext, type AppContext } from '../../electron/backend/app-context';
import { makeTempDir } from './temp-dir';

/** A migrated app on a fresh file per test, closed and removed afterwards. */
export function useTempApp(): { readonly app: AppContext; readonly tmp: ReturnType<typeof makeTempDir> } {
  let tmp: ReturnType<typeof makeTempDir>;
  let app: AppContext;
  beforeEach(async () => {
    tmp = makeTempDir();
    app = await createAppContext(tmp.file('ledger.sqlite'));
  });
  afterEach(async () => {
    await closeAppContext(app);
    tmp.cleanup();
  });
  return {
    get app() {
      return app;
    },
    get tmp() {
      return tmp;
    },
  };
}
