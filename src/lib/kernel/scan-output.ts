// Presenting a scan: snapshot TSV, JSON, the stderr summary, and writing content/snapshots/<release>.tsv.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { kernelRelease, kernelVersionText, type KernelVersion } from './makefile-version.ts';
import type { Unresolved } from './resolve.ts';
import type { ScanResult } from './scan.ts';
import { formatSnapshot, type Snapshot } from './snapshot.ts';

function scanSnapshot(result: ScanResult): Snapshot {
  return { version: kernelRelease(result.kernelVersion), source: result.source, rows: result.rows };
}

export function formatScanTsv(result: ScanResult): string {
  return formatSnapshot(scanSnapshot(result));
}

export function formatScanJson(result: ScanResult): string {
  const { source, rows, unresolved } = result;
  return JSON.stringify({ version: kernelRelease(result.kernelVersion), kernelVersion: kernelVersionText(result.kernelVersion), source, rows, unresolved }, null, 2) + '\n';
}

export function formatUnresolved(u: Unresolved): string {
  return `${u.file}:${u.line}: ${u.reason}: ${u.raw}${u.context ? ` (${u.context})` : ''}`;
}

export function summarizeScan(result: ScanResult): string {
  const { rows, unresolved, stats } = result;
  const reasons = new Map<string, number>();
  for (const u of unresolved) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
  const byReason = [...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ');
  return [
    `${rows.length} exports of ${new Set(rows.map((r) => r.symbol)).size} symbols in ${new Set(rows.map((r) => r.file)).size} files (kernel ${kernelVersionText(result.kernelVersion)})`,
    `${unresolved.length} unresolved${byReason ? ` (${byReason})` : ''}`,
    `read ${stats.files} .c/.h/.S files (${(stats.bytes / 1e6).toFixed(0)} MB), lexed ${stats.lexedFiles}, in ${(stats.milliseconds / 1000).toFixed(2)} s` +
      (stats.workerJobs ? ` (${stats.workerJobs} of ${stats.jobs} jobs on worker threads)` : ''),
  ].join('; ');
}

export class SnapshotExistsError extends Error {
  constructor(file: string) {
    super(`${file} already exists; pass --force to overwrite it`);
    this.name = 'SnapshotExistsError';
  }
}

export function snapshotFile(snapshotsDir: string, version: KernelVersion): string {
  return path.join(snapshotsDir, `${kernelRelease(version)}.tsv`);
}

/** Throws unless `file` may be written: it does not exist yet, or `force` is set. */
export function checkSnapshotWritable(file: string, force: boolean): void {
  if (existsSync(file) && !force) throw new SnapshotExistsError(file);
}

/** Writes `<snapshotsDir>/<release>.tsv`, refusing to replace an existing snapshot unless forced. */
export function writeScanSnapshot(snapshotsDir: string, result: ScanResult, force: boolean): string {
  const file = snapshotFile(snapshotsDir, result.kernelVersion);
  checkSnapshotWritable(file, force);
  mkdirSync(snapshotsDir, { recursive: true });
  writeFileSync(file, formatScanTsv(result));
  return file;
}
