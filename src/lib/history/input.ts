// What `npm run history -- add` reads: a snapshot TSV, a Module.symvers, or a kernel tree (scanned),
// as one snapshot. Every problem names the input's file:line, so nothing reaches the store unchecked.
import fs from 'node:fs';
import path from 'node:path';
import { kernelRelease } from '../kernel/makefile-version.ts';
import { readTreeVersion, scanTree, ScanError, sourceOptionProblem, workersPerCore } from '../kernel/scan.ts';
import { parseSnapshot, SnapshotError, SNAPSHOT_COLUMNS, type Snapshot } from '../kernel/snapshot.ts';
import { parseSymvers, SymversError, symversSource } from '../kernel/symvers.ts';
import { storableRowProblem } from './add-release.ts';
import { isReleaseName } from './releases-file.ts';

/** The input cannot be read or is malformed; the message starts with file:line where there is one. */
export class HistoryInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryInputError';
  }
}

export interface InputOptions {
  /** The release name; required for a Module.symvers (it names none), checked against the others. */
  release?: string;
  /** A kernel tree's repository and commit, for the release's source line (as `npm run scan` takes them). */
  source?: string;
  commit?: string;
  /** Called before a kernel tree is scanned (it takes a while). */
  onScan?: (tree: string) => void;
}

export type InputKind = 'snapshot' | 'symvers' | 'tree';

export async function readHistoryInput(target: string, options: InputOptions = {}): Promise<{ snapshot: Snapshot; kind: InputKind }> {
  if (options.release !== undefined && !isReleaseName(options.release))
    throw new HistoryInputError(`--release must be a release name such as v6.19 or v6.1.158 (got "${options.release}")`);
  const sourceProblem = sourceOptionProblem(options.source, options.commit);
  if (sourceProblem) throw new HistoryInputError(sourceProblem);
  if (!fs.existsSync(target)) throw new HistoryInputError(`${target}: no such file or directory`);
  if (fs.statSync(target).isDirectory()) return { snapshot: await scannedSnapshot(target, options), kind: 'tree' };
  if (options.source !== undefined || options.commit !== undefined)
    throw new HistoryInputError(
      `--source and --commit name a kernel tree's origin; ${target} is a file, whose first line says where it came from`,
    );
  const text = fs.readFileSync(target, 'utf8');
  const kind: InputKind = /^(#|symbol\t)/.test(text) ? 'snapshot' : 'symvers';
  const snapshot =
    kind === 'snapshot' ? snapshotFromTsv(text, target, options.release) : snapshotFromSymvers(text, target, options.release);
  return { snapshot, kind };
}

function snapshotFromTsv(text: string, file: string, release: string | undefined): Snapshot {
  let snapshot: Snapshot;
  try {
    snapshot = parseSnapshot(text, file);
  } catch (error) {
    if (error instanceof SnapshotError) throw new HistoryInputError(error.message);
    throw error;
  }
  const header = text.split('\n').findIndex((l) => l.trim() === SNAPSHOT_COLUMNS.join('\t'));
  if (!snapshot.version && !release)
    throw new HistoryInputError(`${file}:1: the first line names no kernel version ("kernel version: 6.1.158"); pass --release`);
  if (snapshot.version && release && snapshot.version !== release)
    throw new HistoryInputError(`${file}:1: the snapshot is ${snapshot.version}, not --release ${release}`);
  const version = snapshot.version || release!;
  if (!isReleaseName(version))
    throw new HistoryInputError(
      `${file}:1: kernel version ${version} is not a release name the store can order (v6.19, v6.1.158, v6.13-rc1)`,
    );
  // The n-th row is the n-th non-empty line after the header.
  const dataLines = text
    .split('\n')
    .map((l, i) => ({ l, at: i + 1 }))
    .slice(header + 1)
    .filter(({ l }) => l !== '');
  checkRows(snapshot.rows, (n) => `${file}:${dataLines[n]?.at ?? header + 2}`);
  return { ...snapshot, version };
}

function snapshotFromSymvers(text: string, file: string, release: string | undefined): Snapshot {
  let rows;
  try {
    rows = parseSymvers(text, file);
  } catch (error) {
    if (error instanceof SymversError) throw new HistoryInputError(error.message);
    throw error;
  }
  if (!release) throw new HistoryInputError(`${file}: a Module.symvers names no kernel version; pass --release (e.g. --release v6.1.20)`);
  checkRows(rows, (n) => `${file}:${rows[n]!.line}`);
  return { version: release, source: `${symversSource(path.resolve(file))} | kernel version: ${release.slice(1)}`, rows };
}

async function scannedSnapshot(tree: string, options: InputOptions): Promise<Snapshot> {
  try {
    const version = kernelRelease(readTreeVersion(path.resolve(tree)));
    if (!isReleaseName(version))
      throw new HistoryInputError(
        `${path.join(tree, 'Makefile')}: kernel version ${version} is not a release name the store can order (v6.19, v6.1.158, v6.13-rc1)`,
      );
    if (options.release && options.release !== version)
      throw new HistoryInputError(`${tree}: the tree's Makefile says ${version}, not --release ${options.release}`);
    options.onScan?.(tree);
    const result = await scanTree(tree, { workers: workersPerCore(), source: options.source, commit: options.commit });
    checkRows(result.rows, (n) => `${path.join(tree, result.rows[n]!.file)}:${result.rows[n]!.line}`);
    return { version, source: result.source, rows: result.rows };
  } catch (error) {
    if (error instanceof ScanError) throw new HistoryInputError(error.message);
    throw error;
  }
}

function checkRows(rows: Snapshot['rows'], where: (n: number) => string): void {
  for (const [n, row] of rows.entries()) {
    const problem = storableRowProblem(row);
    if (problem) throw new HistoryInputError(`${where(n)}: ${problem}`);
  }
}
