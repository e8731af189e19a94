import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context';
import type { ColumnMapping, ParsedFile } from './parsed-file';
import type { PreparedImport } from './run-import';

const TTL_MS = 30 * 60 * 1000;
// A county file read for a preview holds ~120 MB: a few previews at most.
const MAX_ENTRIES = 3;

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
export class PreviewStore {
  private readonly entries = new Map<string, PreviewEntry>();

  put(entry: PreviewEntry): string {
    this.prune(entry.at);
    // Room for the new one: the oldest entries go first.
    while (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    const id = randomUUID();
    this.entries.set(id, entry);
    return id;
  }

  get(id: string, userId: string, now = Date.now()): PreviewEntry | null {
    this.prune(now);
    const entry = this.entries.get(id);
    return entry && entry.userId === userId ? entry : null;
  }

  /**
   * Keeps the plan worked out for one preview. Only the newest plan is kept: a county file's
   * plan holds ~200 MB; older previews are planned again if they are committed.
   */
  setPrepared(id: string, prepared: PreparedImport | undefined): void {
    for (const [key, e] of this.entries) if (e.kind === 'parsed' && key !== id) e.prepared = undefined;
    const entry = this.entries.get(id);
    if (entry?.kind === 'parsed') entry.prepared = prepared;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  private prune(now: number): void {
    for (const [id, e] of this.entries) if (now - e.at > TTL_MS) this.entries.delete(id);
  }
}

const stores = new WeakMap<Omit<AppContext, 'db'>, PreviewStore>();

export function previewStore(app: Omit<AppContext, 'db'>): PreviewStore {
  let store = stores.get(app);
  if (!store) stores.set(app, (store = new PreviewStore()));
  return store;
}
