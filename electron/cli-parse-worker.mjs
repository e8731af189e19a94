// The import-parse worker as the CLI runs it: from source, loaded through tsx like the CLI itself
// (the desktop app runs the compiled out/main/parse-worker.js). Parsing in a worker gives the
// CLI the same memory and time limits as the app (parse-in-worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./backend/import/parse/parse-worker.ts');
