import { spawn } from 'node:child_process';
import { once } from 'node:events';

export interface WriteLockHolder {
  /** Whether the other process still holds the lock: not yet told to let go, nor gone. */
  holding(): boolean;
  /** Lets go (commits) and waits for the process to end. */
  release(): Promise<void>;
}

/** Starts another process that holds the write lock on `file` for `ms` (as the CLI's import does); resolves once it has it. */
export async function holdWriteLock(file: string, ms = 60_000): Promise<WriteLockHolder> {
  const child = spawn(process.execPath, [new URL('./hold-write-lock.mjs', import.meta.url).pathname, file, String(ms)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  if (line.toString() !== 'locked\n') throw new Error(`the lock holder said ${JSON.stringify(line.toString())}`);
  let told = false;
  return {
    holding: () => !told && child.exitCode === null,
    async release() {
      told = true;
      if (child.exitCode === null) child.stdin.end();
      await exited;
    },
  };
}
