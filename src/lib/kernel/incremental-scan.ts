// Scans the commits of a kernel repository one after another, each as `scanTree` would scan its
// checkout, but redoing only what changed: a file is read and lexed again only when its blob changed,
// and resolved again only when its blob, the tree-wide inputs or a file its resolution read changed.
//
// What crosses files, and how each is kept exact:
// - the wrapper table (every header's exporting #defines): rebuilt each commit from the cached header
//   lexes. A file's resolution is watched: the definitions of every name it looked up (present or not)
//   are recorded, and the cached result holds while each is unchanged; a resolution that copied the
//   whole table (a file with wrappers of its own, an X-macro) depends on all of it (its digest);
// - the generators drawn from the table, the assembler export macros of headers and the list of
//   architectures: their digest is part of every file's key (a change re-resolves every lexed file,
//   from its cached lex: no blob is read again);
// - the generators a file can use decide whether it is lexed at all and how: part of its lex key;
// - everything a file's resolution reads besides its own text (the headers it includes for macro
//   tables and X-macros, assembler includes, Makefile/Kbuild files for DEFAULT_SYMBOL_NAMESPACE): each
//   path read is recorded with the blob it had (or none), and the cached result holds only while every
//   one of them is unchanged;
// - headers' uses of their includers' wrappers and holes another file filled (scan.ts finishExports):
//   recomputed for every commit from the per-file results, as scanTree does.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { asmExportMacrosOf, finishExports } from './scan.ts';
import { isRegularFile, type BlobReader, type TreeEntry, type TreeListing } from './git-tree.ts';
import { lexFile, type FileLex, type MacroDefinition } from './lex.ts';
import { MacroEnvironment } from './macro-env.ts';
import { treeVersionOf } from './scan.ts';
import { MakefileNamespaceLookup } from './namespaces.ts';
import { resolveFile, type FileExports, type ResolveContext, type Unresolved } from './resolve.ts';
import { mentionsAny } from './scan-jobs.ts';
import { sortRows, type ExportRow } from './snapshot.ts';
import { isWalkedSource } from './source-files.ts';
import { discoverWrappers, generatorsFor, generatorsOf, type WrapperTable } from './wrappers.ts';
import type { KernelVersion } from './makefile-version.ts';
import { ScanError } from './scan-error.ts';

export interface CommitScanStats {
  /** .c, .h and .S files in the commit. */
  files: number;
  /** Files whose blob was read and searched this time (the rest reused an earlier commit's). */
  readFiles: number;
  bytes: number;
  /** Files that mention a marker (lexed now or earlier). */
  lexedFiles: number;
  /** Lexed files resolved this time (the rest reused an earlier commit's results). */
  resolvedFiles: number;
  milliseconds: number;
}

export interface CommitScan {
  kernelVersion: KernelVersion;
  rows: ExportRow[];
  unresolved: Unresolved[];
  stats: CommitScanStats;
}

interface LexEntry {
  key: string;
  lex: FileLex | undefined;
}

interface ResolvedEntry {
  key: string;
  /** Makefile/Kbuild paths read for DEFAULT_SYMBOL_NAMESPACE → makefileDependency then. */
  makefiles: Map<string, string>;
  /** Wrapper names looked up → the digest of their definitions then; undefined: the whole table's digest is in `key`. */
  names: Map<string, string> | undefined;
  /** Every path the resolution read → the blob it had then ('' when absent). */
  reads: Map<string, string>;
  result: FileExports;
}

const MAX_SYMLINK_HOPS = 8;
/** Blob texts kept for lookups across files and commits; dropped all at once past this many bytes. */
const MAX_CACHED_TEXT = 256e6;

function digest(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex');
}

/**
 * The definitions of a wrapper as another file's resolution sees them: their file, order, parameters
 * and body text, not their line numbers, which only matter in the defining file itself (whose own blob
 * then changed): an edit above a wrapper's #define re-resolves none of its users.
 */
function definitionsDigest(defs: readonly MacroDefinition[] | undefined): string {
  return digest(defs?.map((d) => [d.name, d.file, d.params, d.body.map((t) => [t.kind, t.text])]) ?? null);
}

/** The whole wrapper table as one digest (order-free). */
function tableDigest(wrappers: WrapperTable): string {
  return digest([...wrappers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The wrapper table, noting which names a resolution looks up, or that it read the table whole (a copy
 * made with `new Map(table)` iterates it).
 */
class WatchedTable extends Map<string, readonly MacroDefinition[]> {
  looked: Set<string> | undefined;
  whole = false;

  override get(name: string) {
    this.looked?.add(name);
    return super.get(name);
  }
  override has(name: string) {
    this.looked?.add(name);
    return super.has(name);
  }
  override get size() {
    this.whole = true;
    return super.size;
  }
  override [Symbol.iterator]() {
    this.whole = true;
    return super[Symbol.iterator]();
  }
  override entries() {
    this.whole = true;
    return super.entries();
  }
  override keys() {
    this.whole = true;
    return super.keys();
  }
  override values() {
    this.whole = true;
    return super.values();
  }
  override forEach(...args: Parameters<Map<string, readonly MacroDefinition[]>['forEach']>) {
    this.whole = true;
    super.forEach(...args);
  }
}

/**
 * What a Makefile or Kbuild gives a namespace lookup (namespaces.ts): nothing unless it mentions
 * DEFAULT_SYMBOL_NAMESPACE or ends in a continuation (which joins the next file's first line), so
 * its blob matters only then; the top Makefile, read by every lookup, changes in every release.
 */
function makefileDependency(oid: string | undefined, text: string | undefined): string {
  if (oid === undefined || text === undefined) return '';
  return text.includes('DEFAULT_SYMBOL_NAMESPACE') || /\\\n?$/.test(text) ? oid : '~';
}

/** A copy of a cached result that the cross-file pass may change. */
function copyExports(found: FileExports): FileExports {
  return { ...found, rows: [...found.rows], unresolved: [...found.unresolved] };
}

export class IncrementalScanner {
  private readonly blobs: BlobReader;
  private readonly lexes = new Map<string, LexEntry>();
  private readonly resolved = new Map<string, ResolvedEntry>();
  private readonly texts = new Map<string, string | undefined>();
  private textBytes = 0;

  constructor(blobs: BlobReader) {
    this.blobs = blobs;
  }

  /** The blob's text (latin1, as the scanner reads files), cached by blob id. */
  private text(oid: string): string | undefined {
    if (this.texts.has(oid)) return this.texts.get(oid);
    const text = this.blobs.read(oid)?.toString('latin1');
    if (this.textBytes > MAX_CACHED_TEXT) {
      this.texts.clear();
      this.textBytes = 0;
    }
    this.texts.set(oid, text);
    this.textBytes += text?.length ?? 0;
    return text;
  }

  /** The entry a path names in the tree, symbolic links followed (as a checkout's stat would); undefined when no regular file. */
  private entryAt(listing: TreeListing, symlinks: readonly string[], file: string, hops = 0): TreeEntry | undefined {
    const normal = path.posix.normalize(file);
    if (normal.startsWith('../') || normal.startsWith('/') || hops > MAX_SYMLINK_HOPS) return undefined;
    const entry: TreeEntry | undefined = listing.get(normal);
    if (entry && isRegularFile(entry)) return entry;
    const link = entry?.mode === '120000' ? normal : symlinks.find((s) => normal.startsWith(`${s}/`));
    if (!link) return undefined;
    const target = this.text(listing.get(link)!.oid);
    if (target === undefined || target.startsWith('/')) return undefined;
    const replaced = path.posix.join(path.posix.dirname(link), target) + normal.slice(link.length);
    return this.entryAt(listing, symlinks, replaced, hops + 1);
  }

  /** Scans one commit's files; `where` names the commit in errors. */
  scan(listing: TreeListing, where: string): CommitScan {
    const started = performance.now();
    const stats: CommitScanStats = { files: 0, readFiles: 0, bytes: 0, lexedFiles: 0, resolvedFiles: 0, milliseconds: 0 };
    const makefile = listing.get('Makefile');
    if (!makefile || !isRegularFile(makefile)) throw new ScanError(`${where}: no top-level Makefile, so not a kernel tree`);
    const kernelVersion = treeVersionOf(this.text(makefile.oid) ?? '', `${where}:Makefile`);

    const symlinks = [...listing].filter(([, e]) => e.mode === '120000').map(([p]) => p);
    const entryAt = (file: string) => this.entryAt(listing, symlinks, file);
    const read = (file: string) => {
      const entry = entryAt(file);
      return entry && this.text(entry.oid);
    };
    const arches = [
      ...new Set([...listing.keys()].map((p) => /^arch\/([^/]+)\//.exec(p)?.[1]).filter((a): a is string => a !== undefined)),
    ].sort();

    const headerFiles: string[] = [];
    const sourceFiles: string[] = [];
    for (const [file, entry] of listing)
      if (isRegularFile(entry) && isWalkedSource(file)) (file.endsWith('.h') ? headerFiles : sourceFiles).push(file);
    headerFiles.sort();
    sourceFiles.sort();
    stats.files = headerFiles.length + sourceFiles.length;

    // A file is read and searched again only when its blob or the generators it can use changed.
    const lexAll = (files: readonly string[], generatorsOf: (file: string) => string[]): FileLex[] => {
      const keys = files.map((file) => `${listing.get(file)!.oid}\t${generatorsOf(file).join(' ')}`);
      const stale = files.flatMap((file, i) => (this.lexes.get(file)?.key === keys[i] ? [] : [i]));
      const oids = stale.map((i) => listing.get(files[i]!)!.oid);
      this.blobs.readMany(oids, (n, content) => {
        const file = files[stale[n]!]!;
        if (!content) throw new ScanError(`${where}:${file}: git has no blob ${oids[n]}`);
        stats.readFiles++;
        stats.bytes += content.length;
        const generators = generatorsOf(file);
        const lex = mentionsAny(content, generators) ? lexFile(file, content.toString('latin1'), generators) : undefined;
        this.lexes.set(file, { key: keys[stale[n]!]!, lex });
      });
      return files.map((file) => this.lexes.get(file)!.lex).filter((l): l is FileLex => l !== undefined);
    };

    const headers = lexAll(headerFiles, () => []);
    const wrappers = discoverWrappers(headers.flatMap((h) => h.defines));
    const asmMacros = asmExportMacrosOf(read, headers);
    const generators = [...generatorsOf(wrappers), ...asmMacros];
    const asmNames = asmMacros.map((g) => g.name);
    const treeWide = digest([generators, asmNames, arches]);
    const watched = new WatchedTable(wrappers);
    let wholeTable: string | undefined;
    const nameDigests = new Map<string, string>();
    const nameDigest = (name: string) => {
      let d = nameDigests.get(name);
      if (d === undefined) nameDigests.set(name, (d = definitionsDigest(wrappers.get(name))));
      return d;
    };
    const sources = lexAll(sourceFiles, (f) => generatorsFor(f, generators));
    stats.lexedFiles = headers.length + sources.length;

    const resolveOne = (lex: FileLex, isSource: boolean): FileExports => {
      const key = `${this.lexes.get(lex.file)!.key}\t${treeWide}`;
      const cached = this.resolved.get(lex.file);
      if (
        cached?.key === (cached?.names ? key : `${key}\t${(wholeTable ??= tableDigest(wrappers))}`) &&
        [...cached.reads].every(([file, oid]) => (entryAt(file)?.oid ?? '') === oid) &&
        [...cached.makefiles].every(([file, dependency]) => {
          const oid = entryAt(file)?.oid;
          return makefileDependency(oid, oid && this.text(oid)) === dependency;
        }) &&
        [...(cached.names ?? [])].every(([name, d]) => nameDigest(name) === d)
      )
        return cached.result;
      stats.resolvedFiles++;
      const reads = new Map<string, string>();
      const recordingRead = (file: string) => {
        const entry = entryAt(file);
        reads.set(file, entry?.oid ?? '');
        return entry && this.text(entry.oid);
      };
      const makefileReads = new Map<string, string>();
      const makefileRead = (file: string) => {
        const oid = entryAt(file)?.oid;
        const text = oid && this.text(oid);
        makefileReads.set(file, makefileDependency(oid, text));
        return text;
      };
      // Fresh lookups per file, so that every read lands in this file's record (a shared memo would hide some).
      const makefiles = new MakefileNamespaceLookup('', makefileRead);
      const context: ResolveContext = {
        makefileNamespace: () => makefiles.namespaceFor(lex.file),
        tree: { read: recordingRead, macros: new MacroEnvironment(recordingRead, () => arches), arches: () => arches },
        ...(isSource ? { asmMacros: asmNames } : {}),
      };
      const looked = new Set<string>();
      watched.looked = looked;
      watched.whole = false;
      let result: FileExports;
      try {
        result = resolveFile(lex, watched, context);
      } finally {
        watched.looked = undefined;
      }
      const names = watched.whole ? undefined : new Map([...looked].map((name) => [name, nameDigest(name)]));
      this.resolved.set(lex.file, {
        key: names ? key : `${key}\t${(wholeTable ??= tableDigest(wrappers))}`,
        names,
        reads,
        makefiles: makefileReads,
        result,
      });
      return result;
    };

    const exportsByFile = new Map<string, FileExports>();
    for (const lex of headers) exportsByFile.set(lex.file, copyExports(resolveOne(lex, false)));
    for (const lex of sources) exportsByFile.set(lex.file, copyExports(resolveOne(lex, true)));
    const makefiles = new MakefileNamespaceLookup('', read);
    const tree = { read, macros: new MacroEnvironment(read, () => arches), arches: () => arches };
    const perFile = finishExports(exportsByFile, headers, wrappers, (file) => ({
      makefileNamespace: () => makefiles.namespaceFor(file),
      tree,
    }));

    // Files gone from the tree leave the caches.
    for (const cache of [this.lexes, this.resolved]) for (const file of cache.keys()) if (!listing.has(file)) cache.delete(file);
    stats.milliseconds = performance.now() - started;
    return {
      kernelVersion,
      rows: sortRows(perFile.flatMap((f) => f.rows)),
      unresolved: perFile.flatMap((f) => [...f.unresolved].sort((a, b) => a.line - b.line)),
      stats,
    };
  }
}
