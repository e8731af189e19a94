import { fingerprintDifferences, fingerprintOf, wholeFileProblems, type Fingerprint } from './db-state';
import { sha256OfFile } from './files';
import { withSqliteFile } from './sqlite-file';

/**
 * Judges files that look like backups of one database: each must open, be whole (integrity,
 * every page its header counts) and hold `content`. A file with the same bytes as one already
 * found whole is whole (VACUUM INTO writes the same bytes from the same database), which spares
 * most trials a full check.
 */
export class BackupJudge {
  private readonly whole = new Set<string>();

  constructor(private readonly content: Fingerprint) {}

  /** What is wrong with `file` as a backup; nothing when it is one. */
  async problems(file: string): Promise<string[]> {
    const sha = await sha256OfFile(file);
    if (this.whole.has(sha)) return [];
    const found = await withSqliteFile(file, 'read', async (db) => [
      ...(await wholeFileProblems(db, file)),
      ...fingerprintDifferences(await fingerprintOf(db), this.content).map((t) => `differs from the database it copies in ${t}`),
    ]).catch((err: unknown) => [`cannot be read as a database: ${(err as Error).message}`]);
    if (found.length === 0) this.whole.add(sha);
    return found;
  }
}
