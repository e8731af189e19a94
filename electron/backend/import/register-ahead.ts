import type { ReadDb } from '../db/read-db';
import { loadRegisterState, type RegisterState } from './register-state';
import { registerVersion } from './register-version';

/**
 * The whole register read for a plan by JS maps (set-plan.ts) while the worker still reads the file:
 * next month's export, a county's, read 100k loans with their borrowers, snapshots and assignments
 * for ~3 s after the parse, with this thread idle during it. A plan takes it only as of the same date
 * on the register version read before it: any write in between (it moves the version) sends the plan
 * back to reading the register itself, in its own read transaction. Taken once: a plan changes it.
 */
export class RegisterAhead {
  private constructor(
    private state: RegisterState | null,
    private readonly asOf: string,
    private readonly version: number,
  ) {}

  /** The version first, so that no row read is older than it. */
  static async read(db: ReadDb, asOf: string): Promise<RegisterAhead> {
    const version = await registerVersion(db);
    return new RegisterAhead(await loadRegisterState(db, asOf), asOf, version);
  }

  /** The register read, for a plan as of `asOf` on the register at `version`; null if it does not hold or was taken. */
  take(asOf: string, version: number): RegisterState | null {
    if (this.state === null || asOf !== this.asOf || version !== this.version) return null;
    const state = this.state;
    this.state = null;
    return state;
  }
}
