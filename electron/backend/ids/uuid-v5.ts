import { hash } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const scratch = Buffer.alloc(4096);

/**
 * A name-based UUID (version 5, RFC 9562 §5.5): SHA-1 of the namespace's 16 bytes and the
 * name's UTF-8. Written over node:crypto's one-shot hash because an import derives hundreds of
 * thousands of ids and the `uuid` package's v5 took ~3× as long here (measured, 300k ids).
 */
/** The namespace the scratch buffer starts with, checked: an import derives many ids in a row in one namespace. */
let scratchNamespace = '';
let scratchHex = '';

export function uuidV5(name: string, namespace: string): string {
  if (namespace !== scratchNamespace) {
    const hex = namespace.replace(/-/g, '');
    if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${namespace}`);
    scratch.write(hex, 0, 'hex');
    scratchNamespace = namespace;
    scratchHex = hex;
  }
  const ns = scratchHex;
  const length = 16 + Buffer.byteLength(name, 'utf8');
  const input = length <= scratch.length ? scratch : Buffer.alloc(length);
  if (input !== scratch) input.write(ns, 0, 'hex');
  input.write(name, 16, 'utf8');
  const h = hash('sha1', input.subarray(0, length), 'buffer') as unknown as Buffer;
  h[6] = (h[6] & 0x0f) | 0x50; // version 5
  h[8] = (h[8] & 0x3f) | 0x80; // variant 10
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += HEX[h[i]];
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}
