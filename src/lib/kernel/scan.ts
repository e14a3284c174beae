// Scans a kernel source tree for every export-macro use and produces snapshot rows.
// Headers go first so that their wrappers (and generators without EXPORT in their name) are known
// before .c and .S files are read; each file is only lexed if a cheap byte search finds a marker.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { EXPORT_MARKER } from './lex.ts';
import { kernelVersionDescription, parseMakefileVersion, type KernelVersion } from './makefile-version.ts';
import { MakefileNamespaceLookup } from './namespaces.ts';
import { resolveFile, type Unresolved } from './resolve.ts';
import type { JobStats } from './scan-jobs.ts';
import { createScanPool } from './scan-pool.ts';
import { sortRows, type ExportRow } from './snapshot.ts';
import { listSourceFiles } from './source-files.ts';
import { discoverWrappers } from './wrappers.ts';

export interface ScanStats {
  /** .c, .h and .S files considered. */
  files: number;
  /** Files that mentioned a marker and were lexed. */
  lexedFiles: number;
  bytes: number;
  milliseconds: number;
}

export interface ScanResult {
  kernelVersion: KernelVersion;
  /** The snapshot's first-line comment. */
  source: string;
  rows: ExportRow[];
  unresolved: Unresolved[];
  stats: ScanStats;
}

/** The tree cannot be scanned at all (missing, not a directory, no top Makefile). */
export class ScanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanError';
  }
}

export function readTreeVersion(root: string): KernelVersion {
  if (!existsSync(root)) throw new ScanError(`${root}: no such file or directory`);
  if (!statSync(root).isDirectory()) throw new ScanError(`${root}: not a directory`);
  const makefile = path.join(root, 'Makefile');
  if (!existsSync(makefile)) throw new ScanError(`${root}: no top-level Makefile, so not a kernel tree`);
  const version = parseMakefileVersion(readFileSync(makefile, 'latin1'));
  if (!version) throw new ScanError(`${makefile}: no VERSION = <number> line, so not a kernel tree`);
  return version;
}

export interface ScanOptions {
  /** Worker threads reading and lexing besides this one; 0 scans in this thread alone. Default: one per
   * extra core for a full-size tree, none for a small one. */
  workers?: number;
}

const FILES_PER_JOB = 1000;

function defaultWorkers(files: number): number {
  // Starting workers costs more than it saves on a small tree.
  return files < 4 * FILES_PER_JOB ? 0 : Math.min(availableParallelism() - 1, 7);
}

function chunk(files: readonly string[]): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < files.length; i += FILES_PER_JOB) chunks.push(files.slice(i, i + FILES_PER_JOB));
  return chunks;
}

function byFile(a: { file: string }, b: { file: string }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

export async function scanTree(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const absolute = path.resolve(root);
  const kernelVersion = readTreeVersion(absolute);
  const files = listSourceFiles(absolute);
  const stats: ScanStats = { files: files.length, lexedFiles: 0, bytes: 0, milliseconds: 0 };
  const count = (s: JobStats) => {
    stats.bytes += s.bytes;
    stats.lexedFiles += s.lexedFiles;
  };
  const pool = createScanPool(options.workers ?? defaultWorkers(files.length));
  try {
    const headerJobs = chunk(files.filter((f) => f.endsWith('.h'))).map((f) => ({ root: absolute, files: f, generators: [] }));
    const headerResults = await pool.run('lex', headerJobs);
    headerResults.forEach((r) => count(r.stats));
    const headers = headerResults.flatMap((r) => r.lexed);
    const wrappers = discoverWrappers(headers.flatMap((h) => h.defines));
    // Header generators without EXPORT in their name (ALIAS_MV) are used in files that never say EXPORT.
    const generators = [...wrappers.keys()].filter((name) => !name.includes(EXPORT_MARKER));
    const sourceJobs = chunk(files.filter((f) => !f.endsWith('.h'))).map((f) => ({ root: absolute, files: f, generators, wrappers }));
    const sourceResults = await pool.run('resolve', sourceJobs);
    sourceResults.forEach((r) => count(r.stats));

    const makefiles = new MakefileNamespaceLookup(absolute);
    const perFile = [
      ...headers.map((lex) => ({ file: lex.file, ...resolveFile(lex, wrappers, () => makefiles.namespaceFor(lex.file)) })),
      ...sourceResults.flatMap((r) => r.exports),
    ].sort(byFile);
    stats.milliseconds = performance.now() - started;
    return {
      kernelVersion,
      source: `source: kernel tree ${absolute} | kernel version: ${kernelVersionDescription(kernelVersion)} | extracted by npm run scan`,
      rows: sortRows(perFile.flatMap((f) => f.rows)),
      unresolved: perFile.flatMap((f) => f.unresolved.sort((a, b) => a.line - b.line)),
      stats,
    };
  } finally {
    await pool.close();
  }
}
