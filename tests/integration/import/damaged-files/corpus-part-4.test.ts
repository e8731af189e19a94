import { damagedFilesPart } from './corpus-run';

// Part 4 of the damaged-files corpus run (corpus-run.ts says why it is dealt into parts).
damagedFilesPart(4);
