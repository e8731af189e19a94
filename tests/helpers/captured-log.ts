import { redirectLogs } from '../../electron/backend/log';

/**
 * Runs `run` with the backend's log lines kept from the output and returned, for a test that
 * provokes an unexpected error on purpose and checks that it was logged.
 */
export async function capturingLog<T>(run: () => Promise<T>): Promise<{ value: T; logged: string }> {
  let logged = '';
  const restore = redirectLogs((line) => {
    logged += line;
  });
  try {
    const value = await run();
    return { value, logged };
  } finally {
    restore();
  }
}
