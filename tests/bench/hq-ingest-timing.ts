import type pg from 'pg';

/** Where the database time of an ingest goes, by statement. */
export interface StatementTimes {
  copy: number;
  merge: number;
  commit: number;
  other: number;
}

const kindOf = (text: string): keyof StatementTimes => {
  const t = text.trimStart().toLowerCase();
  if (t.startsWith('copy ')) return 'copy';
  if (t.startsWith('insert into branch_rows') || t.startsWith('delete from branch_rows')) return 'merge';
  if (t.startsWith('commit')) return 'commit';
  return 'other';
};

/**
 * Times every statement the pool's clients run, from the call to its completion (a COPY until its
 * stream has finished: turning the rows into COPY text runs inside it). Only the bench's own pool
 * is wrapped; the code under test runs as it is.
 */
export function timeStatements(pool: pg.Pool): StatementTimes {
  const times: StatementTimes = { copy: 0, merge: 0, commit: 0, other: 0 };
  const wrapped = new WeakSet<pg.PoolClient>();
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const wrappedConnect = async () => {
    const client = await connect();
    if (wrapped.has(client)) return client;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const q = args[0] as string | { text?: string };
      const kind = kindOf(typeof q === 'string' ? q : (q.text ?? ''));
      const start = performance.now();
      const done = () => void (times[kind] += performance.now() - start);
      const result = query(...args);
      if (result instanceof Promise) result.then(done, done);
      else if (result && typeof (result as NodeJS.WritableStream).once === 'function') {
        (result as NodeJS.WritableStream).once('finish', done);
        (result as NodeJS.WritableStream).once('error', done);
      }
      return result;
    };
    return client;
  };
  // pg's own pool.query checks out a client with a callback.
  (pool as { connect: unknown }).connect = (callback?: (err: Error | undefined, client?: pg.PoolClient, release?: (err?: Error) => void) => void) => {
    if (!callback) return wrappedConnect();
    wrappedConnect().then(
      (client) => callback(undefined, client, (err?: Error) => client.release(err)),
      (err: Error) => callback(err),
    );
    return undefined;
  };
  return times;
}
