import { SYSTEM_ACTOR } from '../../electron/backend/changelog/actor';
import { writerAs } from '../../electron/backend/changelog/write-context';
import { statSync } from 'node:fs';
import { closeAppContext, createAppContext } from '../../electron/backend/app-context';
import { generateDemoData } from '../../electron/backend/demo/generator';
import type { DemoDataSummary } from '../../electron/shared/api/demo';
import { makeTempDir } from '../helpers/temp-dir';

export const BENCH_SEED = 20261125;

export interface DemoDatabase {
  file: string;
  summary: DemoDataSummary;
  /** Data rows written (change-log entries not counted). */
  rows: number;
  seconds: number;
  /** Process CPU time (all threads, SQLite's included): steadier than wall time on a busy machine. */
  cpuSeconds: number;
  megabytes: number;
}

/**
 * A temp folder for one bench run. Demo databases are generated once per size and shared,
 * so the overview bench can reuse the 200k-loan file the generation bench just timed.
 */
export class BenchWorkspace {
  private readonly tmp = makeTempDir('bl-bench-');
  private readonly databases = new Map<number, Promise<DemoDatabase>>();

  file(name: string): string {
    return this.tmp.file(name);
  }

  /** A closed, checkpointed database file holding a generated branch of `loans` loans. */
  demoDatabase(loans: number): Promise<DemoDatabase> {
    let db = this.databases.get(loans);
    if (!db) {
      db = this.generate(loans);
      this.databases.set(loans, db);
    }
    return db;
  }

  cleanup(): void {
    this.tmp.cleanup();
  }

  private async generate(loans: number): Promise<DemoDatabase> {
    const file = this.file(`demo-${loans}.sqlite`);
    const app = await createAppContext(file);
    let measured: Omit<DemoDatabase, 'megabytes'>;
    try {
      let rows = 0;
      const cpu = process.cpuUsage();
      const start = performance.now();
      const summary = await generateDemoData(writerAs(app.db, SYSTEM_ACTOR), app.db, { loans, seed: BENCH_SEED, onProgress: (done) => (rows = done) });
      const seconds = (performance.now() - start) / 1000;
      const used = process.cpuUsage(cpu);
      measured = { file, summary, rows, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
    } finally {
      await closeAppContext(app);
    }
    // Closing checkpoints the WAL into the file, so its size is the whole database.
    return { ...measured, megabytes: statSync(file).size / 1e6 };
  }
}
