/** Logs are for maintainers: English, one line per event, to stderr. */
export const log = {
  info: (msg: string) => write('INFO', msg),
  warn: (msg: string) => write('WARN', msg),
  error: (msg: string, err?: unknown) =>
    write('ERROR', err === undefined ? msg : `${msg}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
};

let quiet = false;
export function setQuietLogs(value: boolean): void {
  quiet = value;
}

function write(level: string, msg: string): void {
  if (quiet && level !== 'ERROR') return;
  process.stderr.write(`${new Date().toISOString()} ${level} ${msg}\n`);
}
