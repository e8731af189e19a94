/**
 * Logs are for maintainers: English, one line per event (an error adds its stack), to stderr.
 * An expected failure (an AppError: a wrong password, invalid input) is a warning; anything else
 * that fails is an error.
 */
export const log = {
  info: (msg: string) => write('INFO', msg),
  warn: (msg: string) => write('WARN', msg),
  error: (msg: string, err?: unknown) => write('ERROR', msg, err),
};

let quiet = false;
/**
 * Quiet logs keep errors only: for the CLI (it prints its own messages) and the tests (their
 * expected failures stay out of the output, so that an unexpected one stands out).
 */
export function setQuietLogs(value: boolean): void {
  quiet = value;
}

let sink = (line: string): void => void process.stderr.write(line);

/** Sends log lines to `to` instead of stderr until the returned function puts stderr back (tests read them). */
export function redirectLogs(to: (line: string) => void): () => void {
  const previous = sink;
  sink = to;
  return () => {
    sink = previous;
  };
}

function write(level: 'INFO' | 'WARN' | 'ERROR', msg: string, err?: unknown): void {
  if (quiet && level !== 'ERROR') return;
  const detail = err === undefined ? '' : `: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
  sink(`${new Date().toISOString()} ${level} ${msg.replace(/\s*\n\s*/g, ' ')}${detail}\n`);
}
