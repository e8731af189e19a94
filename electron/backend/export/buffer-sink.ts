import { Writable } from 'node:stream';

/** A stream that keeps what is written to it: for files small enough to answer in one piece. */
export function bufferSink(): { stream: Writable; bytes: () => Uint8Array } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { stream, bytes: () => new Uint8Array(Buffer.concat(chunks)) };
}
