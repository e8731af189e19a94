/**
 * Batches of loans a parse worker hands over that the caller may have in hand, not done with: the
 * worker waits beyond them (parse-worker.ts), so a caller that writes each batch
 * (stream-first-import.ts) holds a few batches, not the whole file, when it writes slower than the
 * worker reads; and the parse's time limit does not run while it waits (parse-in-worker.ts).
 */
export const BATCHES_AHEAD = 2;
