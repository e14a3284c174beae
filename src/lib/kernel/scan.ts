// Scans a kernel source tree for every export-macro use and produces snapshot rows.
// Headers go first so that their wrappers (and generators without EXPORT in their name) are known
// before .c and .S files are read; each file is only lexed if a cheap byte search finds a marker.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { FileLex } from './lex.ts';
import {
  isKernelVersion,
  kernelVersionDescription,
  kernelVersionText,
  parseMakefileVersion,
  type KernelVersion,
} from './makefile-version.ts';
import { MakefileNamespaceLookup } from './namespaces.ts';
import { addIncluderWrapperUses } from './include-wrappers.ts';
import { resolveFile, type FileExports, type ResolveContext, type Unresolved } from './resolve.ts';
import { pathKind, requireRegularFile, ScanError } from './scan-error.ts';
import { treeLookups } from './scan-jobs.ts';
import { createScanPool } from './scan-pool.ts';
import { sortRows, type ExportRow } from './snapshot.ts';
import { planWalk } from './source-files.ts';
import { treeCommit } from './tree-commit.ts';
import { discoverWrappers, generatorsOf, type Generator, type WrapperTable } from './wrappers.ts';
import { asmExportMacroNames } from './asm-macros.ts';

export interface ScanStats {
  /** .c, .h and .S files considered. */
  files: number;
  /** Files that mentioned a marker and were lexed. */
  lexedFiles: number;
  bytes: number;
  /** Jobs (about a thousand files each) and how many worker threads did. */
  jobs: number;
  workerJobs: number;
  milliseconds: number;
}

export interface ScanResult {
  kernelVersion: KernelVersion;
  /** The snapshot's first-line comment. */
  source: string;
  /** Where the tree comes from, short: `owner/repo` for --source github:owner/repo, else the tree's path. */
  origin: string;
  rows: ExportRow[];
  unresolved: Unresolved[];
  stats: ScanStats;
}

export { ScanError };

export function readTreeVersion(root: string): KernelVersion {
  const kind = pathKind(root);
  if (kind === 'missing') throw new ScanError(`${root}: no such file or directory`);
  if (kind !== 'directory') throw new ScanError(`${root}: not a directory`);
  const makefile = path.join(root, 'Makefile');
  if (pathKind(makefile) === 'missing') throw new ScanError(`${root}: no top-level Makefile, so not a kernel tree`);
  requireRegularFile(makefile);
  return treeVersionOf(readFileSync(makefile, 'latin1'), makefile);
}

/** The version a top-level Makefile's text declares; `makefile` names it in errors. */
export function treeVersionOf(text: string, makefile: string): KernelVersion {
  const version = parseMakefileVersion(text);
  if (!version) throw new ScanError(`${makefile}: no VERSION = <number> line, so not a kernel tree`);
  // The release name becomes a file name (content/snapshots/<release>.tsv): nothing but a version passes.
  if (!isKernelVersion(version))
    throw new ScanError(
      `${makefile}: "${kernelVersionText(version)}" is not a kernel version (VERSION.PATCHLEVEL.SUBLEVEL numbers, EXTRAVERSION such as -rc1)`,
    );
  return version;
}

export interface ScanOptions {
  /** Worker threads walking, reading and lexing besides this one. Default 0: this thread alone. */
  workers?: number;
  /** Where the tree comes from, for the snapshot's first line (`github:owner/repo`); default the tree's path. */
  source?: string;
  /** The tree's commit; default read from its .git, if any. */
  commit?: string;
}

/** Why --source or --commit cannot go into a snapshot's first line, or undefined when both can. */
export function sourceOptionProblem(source: string | undefined, commit: string | undefined): string | undefined {
  if (source !== undefined && !/^[a-z][a-z0-9+.-]*:[\w./-]+$/.test(source))
    return `--source must name a repository such as github:owner/repo (got "${source}")`;
  if (commit !== undefined && !/^[0-9a-f]{7,64}$/.test(commit)) return `--commit must be a commit hash (got "${commit}")`;
  return undefined;
}

/** One worker per core beyond this thread's. */
export function workersPerCore(): number {
  return Math.min(availableParallelism() - 1, 7);
}

/** Worker threads asked for, capped at the cores: more threads than cores only slow a scan down. */
export function capWorkers(requested: number): number {
  return Math.min(requested, availableParallelism());
}

const FILES_PER_JOB = 500;
const JOBS_FOR_WALKING = 128;

function chunk(files: readonly string[]): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < files.length; i += FILES_PER_JOB) chunks.push(files.slice(i, i + FILES_PER_JOB));
  return chunks;
}

/**
 * The assembler macros of headers whose export line names a parameter (EXPORT_SYMBOL(\\name) inside
 * .macro), with the macros that lead to them: .S files calling one are expanded (asm-macros.ts).
 */
export function asmExportMacrosOf(read: (file: string) => string | undefined, headers: readonly FileLex[]): Generator[] {
  const found = new Map<string, Generator>();
  for (const header of headers) {
    if (!header.calls.some((c) => c.args?.[0]?.[0]?.text === '\\')) continue;
    const text = read(header.file);
    // Assembler macros serve their own architecture's .S files: searching every file of the tree for
    // their names would cost a pass over a gigabyte each.
    const scope = /^arch\/[^/]+\//.exec(header.file)?.[0] ?? '';
    if (text?.includes('.macro'))
      for (const name of asmExportMacroNames(header.file, text)) found.set(`${scope}\t${name}`, { name, scope });
  }
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Every file's exports in file order: headers resolved here, then the headers' uses of includers' wrappers. */
function collectExports(
  root: string,
  headers: readonly FileLex[],
  sources: ReadonlyArray<FileExports & { file: string }>,
  wrappers: WrapperTable,
): FileExports[] {
  const makefiles = new MakefileNamespaceLookup(root);
  const exportsByFile = new Map<string, FileExports>();
  const tree = treeLookups(root);
  for (const lex of headers)
    exportsByFile.set(lex.file, resolveFile(lex, wrappers, { makefileNamespace: () => makefiles.namespaceFor(lex.file), tree }));
  for (const { file, ...found } of sources) exportsByFile.set(file, found);
  return finishExports(exportsByFile, headers, wrappers, (file) => ({ makefileNamespace: () => makefiles.namespaceFor(file), tree }));
}

/**
 * The part of a scan that spans files, once every lexed file is resolved on its own: headers' uses of
 * their includers' wrappers, and holes another file's expansion filled. Changes `exportsByFile`'s
 * entries; returns them in file order.
 */
export function finishExports(
  exportsByFile: Map<string, FileExports>,
  headers: readonly FileLex[],
  wrappers: WrapperTable,
  contextFor: (file: string) => ResolveContext,
): FileExports[] {
  addIncluderWrapperUses(exportsByFile, headers, wrappers, contextFor);
  // An assembler macro's `EXPORT_SYMBOL(\\name)` that some .S file expanded into rows is no hole, nor is
  // a header's pasting #define that some file used.
  const templates = new Set([...exportsByFile.values()].flatMap((f) => f.expandedTemplates ?? []));
  const used = new Set([...exportsByFile.values()].flatMap((f) => f.usedMacros ?? []));
  const resolvedElsewhere = (u: Unresolved) =>
    templates.has(`${u.file}:${u.line}`) ||
    (u.reason === 'token-paste-in-define' && used.has(/^#define ([\w$]+)/.exec(u.context)?.[1] ?? ''));
  for (const found of exportsByFile.values()) found.unresolved = found.unresolved.filter((u) => !resolvedElsewhere(u));
  return [...exportsByFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, found]) => found);
}

export async function scanTree(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const absolute = path.resolve(root);
  const kernelVersion = readTreeVersion(absolute);
  // Read before the long part, so that a FIFO or directory in .git stops the scan at once.
  const commit = options.commit ?? treeCommit(absolute);
  const pool = createScanPool(capWorkers(options.workers ?? 0));
  try {
    // Walking the tree is shared out too: each header job walks some directories two levels down.
    const plan = planWalk(absolute);
    const perJob = Math.ceil(plan.dirs.length / JOBS_FOR_WALKING) || 1;
    const headerJobs = [{ root: absolute, dirs: [] as string[], headers: plan.files.headers }];
    for (let i = 0; i < plan.dirs.length; i += perJob)
      headerJobs.push({ root: absolute, dirs: plan.dirs.slice(i, i + perJob), headers: [] });
    const headerResults = await pool.run('headers', headerJobs);
    const headers = headerResults.flatMap((r) => r.lexed);
    const wrappers = discoverWrappers(headers.flatMap((h) => h.defines));
    // Header generators without EXPORT in their name (ALIAS_MV) are used in files that never say EXPORT.
    const asmMacros = asmExportMacrosOf(treeLookups(absolute).read, headers);
    const generators = [...generatorsOf(wrappers), ...asmMacros];
    const sources = [...plan.files.sources, ...headerResults.flatMap((r) => r.sources)].sort();
    const sourceJobs = chunk(sources).map((files) => ({
      root: absolute,
      files,
      generators,
      wrappers,
      asmMacros: asmMacros.map((g) => g.name),
    }));
    const sourceResults = await pool.run('resolve', sourceJobs);

    const stats: ScanStats = {
      files: 0,
      lexedFiles: 0,
      bytes: 0,
      jobs: headerJobs.length + sourceJobs.length,
      workerJobs: pool.workerJobs,
      milliseconds: 0,
    };
    for (const { stats: s } of [...headerResults, ...sourceResults]) {
      stats.files += s.files;
      stats.bytes += s.bytes;
      stats.lexedFiles += s.lexedFiles;
    }
    const perFile = collectExports(
      absolute,
      headers,
      sourceResults.flatMap((r) => r.exports),
      wrappers,
    );
    stats.milliseconds = performance.now() - started;
    return {
      kernelVersion,
      origin: options.source?.replace(/^github:/, '') ?? absolute,
      source: `source: ${options.source ?? `kernel tree ${absolute}`}${commit ? ` | commit: ${commit}` : ''} | kernel version: ${kernelVersionDescription(kernelVersion)} | extracted by npm run scan`,
      rows: sortRows(perFile.flatMap((f) => f.rows)),
      unresolved: perFile.flatMap((f) => f.unresolved.sort((a, b) => a.line - b.line)),
      stats,
    };
  } finally {
    await pool.close();
  }
}
