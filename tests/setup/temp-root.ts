// One temp folder per test run. TMPDIR points every test worker and every CLI it spawns into it, so
// whatever a test forgets (or an interrupted run leaves) is inside this folder: teardown removes it,
// and the next run removes folders whose vitest process is gone. Spawned CLIs share one Node compile
// cache beside Vitest's own (node_modules/.vite), kept from run to run: a start of a script then skips
// recompiling the modules it loads. (Not in the run folder: Vitest's watchdog process outlives the
// teardown and would write it again.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const RUN_PREFIX = 'ked-test-run-';

/** False only when no process has this id (another user's process answers EPERM: alive). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the run folders in `base` whose vitest process is gone (a run killed before its teardown). */
export function removeStaleRuns(base: string): void {
  for (const name of fs.readdirSync(base)) {
    const pid = new RegExp(`^${RUN_PREFIX}(\\d+)-`).exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !alive(Number(pid))) fs.rmSync(path.join(base, name), { recursive: true, force: true });
  }
}

export default function setup(): () => void {
  const base = os.tmpdir();
  removeStaleRuns(base);
  const dir = fs.mkdtempSync(path.join(base, `${RUN_PREFIX}${process.pid}-`));
  process.env.TMPDIR = dir;
  process.env.NODE_COMPILE_CACHE = path.resolve(import.meta.dirname, '../../node_modules/.vite/node-compile-cache');
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
