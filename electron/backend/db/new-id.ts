import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const nibble = (n: number) => HEX[n][1];

// Random bytes are drawn 64 KB at a time: a large import creates hundreds of thousands of
// ids, and asking the CSPRNG per id (randomUUID) cost ~2 µs each there.
const POOL_BYTES = 64 * 1024;
const pool = new Uint8Array(POOL_BYTES);
let offset = POOL_BYTES;

function randomBytes(n: number): number {
  if (offset + n > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const at = offset;
  offset += n;
  return at;
}

// A 30-bit counter (rand_a and the top of rand_b, RFC 9562 §6.2 method 1) makes the ids of one
// millisecond increase too: thousands are made per millisecond in an import, and ids in random
// order within it would scatter a village's rows over the indexes (slower walks, slower inserts).
const COUNTER_BITS = 30;
let lastMs = -1;
let counter = 0;
let prefix = '';

/**
 * A UUIDv7 (RFC 9562): 48-bit Unix-ms timestamp, version 7, a counter, variant 10, 44 random
 * bits. Ids made by this process strictly increase, so primary-key inserts go to the end of
 * the b-tree and rows written together stay together.
 */
export function newId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    const r = randomBytes(4);
    // Starts in the lower half, leaving room for 2^29 more ids in this millisecond.
    counter = ((pool[r] << 21) | (pool[r + 1] << 13) | (pool[r + 2] << 5) | (pool[r + 3] >>> 3)) & ((1 << (COUNTER_BITS - 1)) - 1);
    const time = now.toString(16).padStart(12, '0');
    prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
  } else if (++counter >= 2 ** COUNTER_BITS) {
    // The clock stood still (or went back) for 2^29 ids: borrow the next millisecond.
    return newId(lastMs + 1);
  }
  const a = counter >>> 18; // 12 bits
  const b = 0x8000 | ((counter >>> 4) & 0x3fff); // variant 10, then 14 bits
  const r = randomBytes(6);
  return (
    prefix +
    HEX[a >>> 4] +
    nibble(a & 0xf) +
    '-' +
    HEX[b >>> 8] +
    HEX[b & 0xff] +
    '-' +
    nibble(counter & 0xf) +
    HEX[pool[r]] +
    HEX[pool[r + 1]] +
    HEX[pool[r + 2]] +
    HEX[pool[r + 3]] +
    HEX[pool[r + 4]] +
    nibble(pool[r + 5] & 0xf)
  );
}
