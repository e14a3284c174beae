// Helpers for scripts/bench-scan.ts: sampling rows by file, comparing row sets, timing a command.
import { spawnSync } from 'node:child_process';
import type { ExportRow } from './snapshot.ts';

/** Every row of a `scale` fraction of the files (spread evenly over the sorted file list). */
export function sampleFiles(rows: readonly ExportRow[], scale: number): ExportRow[] {
  const files = [...new Set(rows.map((r) => r.file))].sort();
  const kept = new Set(files.filter((_, i) => Math.floor((i + 1) * scale) > Math.floor(i * scale)));
  return rows.filter((r) => kept.has(r.file));
}

function rowKey(r: ExportRow): string {
  return `${r.file}:${r.line}\t${r.symbol}\t${r.macro}\t${r.namespace}`;
}

export function compareRows(expected: readonly ExportRow[], found: readonly ExportRow[]): { missing: string[]; extra: string[] } {
  const want = new Set(expected.map(rowKey));
  const got = new Set(found.map(rowKey));
  return { missing: [...want].filter((k) => !got.has(k)), extra: [...got].filter((k) => !want.has(k)) };
}

/** Wall-clock seconds of one run. Output is read through a pipe (tools may skip work when writing to /dev/null); a failure throws. */
export function timeCommand(command: readonly string[], cwd: string): number {
  const started = performance.now();
  const run = spawnSync(command[0]!, command.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20 });
  const seconds = (performance.now() - started) / 1000;
  // git grep exits 1 when nothing matches; anything else is a real failure.
  if (run.status !== 0 && !(command[0] === 'git' && run.status === 1))
    throw new Error(`${command.join(' ')} failed (${run.status}): ${run.stderr}`);
  return seconds;
}
