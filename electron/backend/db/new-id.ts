import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): 48-bit Unix-ms timestamp, version 7, then random bits. Ids sort by
 * creation time, which keeps primary-key inserts at the end of the b-tree.
 * Built on Node's randomUUID (entropy from a buffered pool): a large import creates
 * hundreds of thousands of ids, and the `uuid` package's v7 was 30× slower there.
 */
export function newId(now: number = Date.now()): string {
  const random = randomUUID(); // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}
