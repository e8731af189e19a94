/**
 * mulberry32: a small seeded generator of floats in [0, 1), 32-bit state, fast, and well enough
 * spread for generated data and searches that must give the same result for the same seed (demo
 * branches, the balanced proposal, the test corpora). Not for anything secret.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
