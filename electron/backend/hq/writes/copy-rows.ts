import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';

/** A field in COPY's text format: backslash, tab, newline and carriage return escaped. */
function copyField(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Lines of COPY text, a few thousand at a time (one string per row would make as many stream chunks). */
function* copyChunks(rows: Iterable<readonly string[]>): Generator<string> {
  let chunk = '';
  let n = 0;
  for (const row of rows) {
    chunk += row.map(copyField).join('\t') + '\n';
    if (++n === 2000) {
      yield chunk;
      chunk = '';
      n = 0;
    }
  }
  if (chunk !== '') yield chunk;
}

/** COPY `rows` (text values, in `columns` order) into `table` on this client, inside whatever transaction it holds. */
export async function copyInto(client: pg.PoolClient, table: string, columns: readonly string[], rows: Iterable<readonly string[]>): Promise<void> {
  const { from: copyFrom } = await import('pg-copy-streams');
  const target = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  await pipeline(Readable.from(copyChunks(rows)), target);
}
