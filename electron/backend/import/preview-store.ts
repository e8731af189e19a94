import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context';
import type { ColumnMapping, ParsedFile } from './parsed-file';
import type { PreparedImport } from './run-import';

const TTL_MS = 30 * 60 * 1000;
const MAX_ENTRIES = 4;

export type PreviewEntry =
  | {
      kind: 'parsed';
      file: ParsedFile;
      explicitLayout: { headerIndex: number; mapping: ColumnMapping } | null;
      /** The plan shown in the preview; the commit writes it if the register has not changed. */
      prepared?: PreparedImport;
      userId: string;
      at: number;
    }
  | { kind: 'needs-mapping'; fileName: string; bytes: Uint8Array; userId: string; at: number };

/** Files read for a preview, kept in memory until committed, so a commit does not read them again. */
class PreviewStore {
  private readonly entries = new Map<string, PreviewEntry>();

  put(entry: PreviewEntry): string {
    this.prune(entry.at);
    const id = randomUUID();
    this.entries.set(id, entry);
    return id;
  }

  get(id: string, userId: string, now = Date.now()): PreviewEntry | null {
    this.prune(now);
    const entry = this.entries.get(id);
    return entry && entry.userId === userId ? entry : null;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  private prune(now: number): void {
    for (const [id, e] of this.entries) if (now - e.at > TTL_MS) this.entries.delete(id);
    while (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

const stores = new WeakMap<AppContext, PreviewStore>();

export function previewStore(app: AppContext): PreviewStore {
  let store = stores.get(app);
  if (!store) stores.set(app, (store = new PreviewStore()));
  return store;
}
