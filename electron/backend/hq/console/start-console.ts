import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../rpc/app-error';
import type { HqDb } from '../hq-db';
import type { HqKeys } from '../hq-keys';
import { createConsoleHandler } from './console-handler';

export interface ConsoleOptions {
  db: HqDb;
  /** 127.0.0.1 unless head office chooses to serve its intranet. */
  host: string;
  /** 0: any free port (tests). */
  port: number;
  keys?: HqKeys | null;
  hqDir?: string | null;
  logError?: (message: string) => void;
}

export interface RunningConsole {
  url: string;
  host: string;
  port: number;
  /** Stops taking requests and closes open connections (the database is the caller's to close). */
  close(): Promise<void>;
}

export const DEFAULT_CONSOLE_HOST = '127.0.0.1';
export const DEFAULT_CONSOLE_PORT = 8790;

/** Whether `host` is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function listenProblem(err: Error, host: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new AppError('PORT_IN_USE', `端口 ${port} 已被占用（控制台可能已在运行）：请用 --port 换一个端口。`, err.message);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new AppError('BAD_HOST', `本机没有地址 ${host}：--host 应为 127.0.0.1、0.0.0.0 或本机的一个内网地址。`, err.message);
  if (code === 'EACCES') return new AppError('PORT_DENIED', `没有权限使用端口 ${port}：请用 1024 以上的端口。`, err.message);
  return err;
}

export async function startHqConsole(opts: ConsoleOptions): Promise<RunningConsole> {
  const handler = createConsoleHandler({ db: opts.db, keys: opts.keys ?? null, hqDir: opts.hqDir ?? null, logError: opts.logError ?? ((m) => process.stderr.write(`${m}\n`)) });
  const server = createServer((req, res) => void handler(req, res));
  // A slow client must not hold a connection for ever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  await new Promise<void>((resolve, reject) => {
    const failed = (err: Error) => reject(listenProblem(err, opts.host, opts.port));
    server.once('error', failed);
    server.listen(opts.port, opts.host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shown = opts.host.includes(':') ? `[${opts.host}]` : opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host;
  return {
    url: `http://${shown}:${port}/`,
    host: opts.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
