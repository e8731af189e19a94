import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
// Random bytes are drawn 64 KB at a time (6,553 ids): a large import creates hundreds of
// thousands of ids, and asking the CSPRNG per id (randomUUID) cost ~2 µs each there.
const POOL_BYTES = 64 * 1024;
const pool = new Uint8Array(POOL_BYTES);
let offset = POOL_BYTES;
let prefixMs = -1;
let prefix = '';

/**
 * A UUIDv7 (RFC 9562): 48-bit Unix-ms timestamp, version 7, variant 10, 74 random bits.
 * Ids sort by creation time, which keeps primary-key inserts at the end of the b-tree.
 */
export function newId(now: number = Date.now()): string {
  if (now !== prefixMs) {
    const time = now.toString(16).padStart(12, '0');
    prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
    prefixMs = now;
  }
  if (offset + 10 > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const b = pool;
  const i = offset;
  offset += 10;
  return (
    prefix +
    HEX[b[i]] +
    HEX[b[i + 1]][0] +
    '-' +
    HEX[(b[i + 2] & 0x3f) | 0x80] +
    HEX[b[i + 3]] +
    '-' +
    HEX[b[i + 4]] +
    HEX[b[i + 5]] +
    HEX[b[i + 6]] +
    HEX[b[i + 7]] +
    HEX[b[i + 8]] +
    HEX[b[i + 9]]
  );
}
