// Presenting a scan: snapshot TSV, JSON, the stderr summary, and writing content/snapshots/<release>.tsv.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { kernelRelease, kernelVersionText, type KernelVersion } from './makefile-version.ts';
import type { Unresolved } from './resolve.ts';
import { pathKind, requireRegularFile, ScanError } from './scan-error.ts';
import type { ScanResult } from './scan.ts';
import { formatSnapshot, UNRESOLVED_SUFFIX, type Snapshot } from './snapshot.ts';

function scanSnapshot(result: ScanResult): Snapshot {
  return { version: kernelRelease(result.kernelVersion), source: result.source, rows: result.rows };
}

export function formatScanTsv(result: ScanResult): string {
  return formatSnapshot(scanSnapshot(result));
}

export function formatScanJson(result: ScanResult): string {
  const { source, rows, unresolved } = result;
  return (
    JSON.stringify(
      { version: kernelRelease(result.kernelVersion), kernelVersion: kernelVersionText(result.kernelVersion), source, rows, unresolved },
      null,
      2,
    ) + '\n'
  );
}

/** A use as written, with why it could not be resolved: `EXPORT_SYMBOL(\\name) (expands to …)`. */
function unresolvedText(u: Unresolved): string {
  return `${u.raw}${u.context ? ` (${u.context})` : ''}`.replace(/[\t\n\r]/g, ' ');
}

export function formatUnresolved(u: Unresolved): string {
  return `${u.file}:${u.line}: ${u.reason}: ${unresolvedText(u)}`;
}

export const UNRESOLVED_COLUMNS = ['file', 'line', 'reason', 'text'] as const;

/** The `<release>.unresolved.tsv` beside a snapshot: a `#` line naming the release and tree, then `file line reason text`. */
export function formatUnresolvedTsv(result: ScanResult): string {
  const head = `# unresolved export-macro uses in v${kernelVersionText(result.kernelVersion)} (${result.origin}), as npm run scan reported them\n`;
  const rows = result.unresolved.map((u) => `${u.file}\t${u.line}\t${u.reason}\t${unresolvedText(u)}\n`).join('');
  return `${head}${UNRESOLVED_COLUMNS.join('\t')}\n${rows}`;
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
  const release = kernelRelease(version);
  // readTreeVersion refuses anything else; checked again where the name becomes a path.
  if (!/^v\d+\.\d+(\.\d+)?(-[0-9A-Za-z][0-9A-Za-z._+~-]*)?$/.test(release) || release.includes('..'))
    throw new ScanError(`"${release}" is not a release name`);
  return path.join(snapshotsDir, `${release}.tsv`);
}

/** The unresolved uses' file beside a snapshot: v6.19.tsv → v6.19.unresolved.tsv. */
export function unresolvedFile(snapshot: string): string {
  return snapshot.replace(/\.tsv$/, UNRESOLVED_SUFFIX);
}

/** Throws unless `file` may be written: it does not exist yet, or `force` is set and it is a regular file. */
export function checkSnapshotWritable(file: string, force: boolean): void {
  const kind = pathKind(file);
  if (kind === 'missing') return;
  if (kind !== 'file') requireRegularFile(file);
  if (!force) throw new SnapshotExistsError(file);
}

/** Writes `<snapshotsDir>/<release>.tsv` and its `.unresolved.tsv`, refusing to replace a snapshot unless forced. */
export function writeScanSnapshot(snapshotsDir: string, result: ScanResult, force: boolean): string[] {
  const file = snapshotFile(snapshotsDir, result.kernelVersion);
  const unresolved = unresolvedFile(file);
  checkSnapshotWritable(file, force);
  checkSnapshotWritable(unresolved, force);
  mkdirSync(snapshotsDir, { recursive: true });
  writeFileSync(file, formatScanTsv(result));
  writeFileSync(unresolved, formatUnresolvedTsv(result));
  return [file, unresolved];
}
