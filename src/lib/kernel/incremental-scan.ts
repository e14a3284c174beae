// Scans the commits of a kernel repository one after another, each as `scanTree` would scan its
// checkout, but redoing only what changed: a file is read and lexed again only when its blob changed,
// and resolved again only when its blob, the tree-wide inputs or a file its resolution read changed.
//
// What crosses files, and how each is kept exact:
// - the wrapper table (every header's exporting #defines): rebuilt each commit from the cached header
//   lexes. A file's resolution is watched: the definitions of every name it looked up (present or not)
//   are recorded, and the cached result holds while each is unchanged; a resolution that copied the
//   whole table (a file with wrappers of its own, an X-macro) depends on all of it (its digest);
// - the generators a file can use decide whether it is lexed at all and how: part of its lex key (so of
//   its resolution's key too);
// - the assembler export macros of headers: part of the resolution key of .S files (no other file's
//   resolution reads them);
// - the list of architectures: part of the resolution key of a file whose resolution consulted it (an
//   <asm/…> include of generic code tries every arch's header), and of no other;
// - everything a file's resolution reads besides its own text (the headers it includes for macro
//   tables and X-macros, assembler includes, Makefile/Kbuild files for DEFAULT_SYMBOL_NAMESPACE): each
//   path read is recorded with the blob it had (or none), and the cached result holds only while every
//   one of them is unchanged (checked against the paths that changed since the commit before, unless a
//   symbolic link changed);
// - headers' uses of their includers' wrappers and holes another file filled (scan.ts finishExports):
//   recomputed for every commit from the per-file results, as scanTree does.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { asmExportMacrosOf, finishExports } from './scan.ts';
import { isRegularFile, type BlobReader, type TreeEntry, type TreeListing } from './git-tree.ts';
import { EXPORT_MARKER, lexFile, type FileLex, type MacroDefinition } from './lex.ts';
import { MacroEnvironment } from './macro-env.ts';
import { treeVersionOf } from './scan.ts';
import { MakefileNamespaceLookup } from './namespaces.ts';
import { resolveFile, type FileExports, type ResolveContext, type Unresolved } from './resolve.ts';
import { mentionsAny } from './scan-jobs.ts';
import { sortRows, type ExportRow } from './snapshot.ts';
import { isWalkedSource, walkedSourcePathspecs } from './source-files.ts';
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
  oid: string;
  /** The generator names the file was searched for, space-separated. */
  generators: string;
  lex: FileLex | undefined;
}

interface ResolvedEntry {
  /** The file's own inputs: its blob, the generators it was searched for and (.S files) the assembler macros. */
  key: string;
  /** The whole wrapper table's digest, when the resolution read it whole (else `names` says what it looked up). */
  table: string | undefined;
  /** The arch list's digest, when the resolution consulted it. */
  arches: string | undefined;
  /** Makefile/Kbuild paths read for DEFAULT_SYMBOL_NAMESPACE → makefileDependency then. */
  makefiles: Map<string, string>;
  /** Wrapper names looked up → the digest of their definitions then; undefined when the table was read whole. */
  names: Map<string, string> | undefined;
  /** Every path the resolution read (and the file a symbolic link led to) → the blob it had then ('' when absent). */
  reads: Map<string, string>;
  result: FileExports;
  /** The last scan that found it valid: only if that was the scan before are the paths changed since enough to check. */
  checked: number;
}

const MAX_SYMLINK_HOPS = 8;
/** Blob texts kept for lookups across files and commits; dropped all at once past this many bytes. */
const MAX_CACHED_TEXT = 256e6;
/** Lexes and resolutions of blobs a path no longer has, kept in case a later commit brings the blob back. */
const MAX_EARLIER = 4096;
/** Blobs known to mention no export macro, forgotten all at once past this many. */
const MAX_QUIET = 1_000_000;

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

/** Moves `entry` into a bounded map of earlier entries (oldest dropped first). */
function remember<T>(earlier: Map<string, T>, key: string, entry: T): void {
  earlier.delete(key);
  earlier.set(key, entry);
  if (earlier.size > MAX_EARLIER) earlier.delete(earlier.keys().next().value!);
}

export class IncrementalScanner {
  private readonly blobs: BlobReader;
  private readonly lexes = new Map<string, LexEntry>();
  private readonly resolved = new Map<string, ResolvedEntry>();
  /** Entries replaced or dropped, by `path\tkey`: a stable tag after a mainline one brings blobs back. */
  private readonly earlierLexes = new Map<string, LexEntry>();
  private readonly earlierResolved = new Map<string, ResolvedEntry>();
  /** Blobs that mention none of the generator names searched for (by blob and generators' number): never read again, whatever their path. */
  private readonly quiet = new Set<string>();
  private readonly generatorNumbers = new Map<string, number>();
  private readonly texts = new Map<string, string | undefined>();
  private textBytes = 0;
  private readonly walked = new Map<string, boolean>();
  /** The commit scanned last and its source generators' digest. */
  private listing: TreeListing | undefined;
  private generatorsDigest = '';
  private scans = 0;

  /** Fewest files to search for which `mentioning` is asked (a git grep costs a process and a pass over the commit). */
  private readonly grepAtLeast: number;

  constructor(blobs: BlobReader, options: { grepAtLeast?: number } = {}) {
    this.blobs = blobs;
    this.grepAtLeast = options.grepAtLeast ?? 256;
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

  /**
   * The entry a path names in the tree, symbolic links followed (as a checkout's stat would), and the
   * path it was found at; undefined when no regular file.
   */
  private entryAt(listing: TreeListing, symlinks: readonly string[], file: string, hops = 0): { entry: TreeEntry; at: string } | undefined {
    const normal = path.posix.normalize(file);
    if (normal.startsWith('../') || normal.startsWith('/') || hops > MAX_SYMLINK_HOPS) return undefined;
    const entry: TreeEntry | undefined = listing.get(normal);
    if (entry && isRegularFile(entry)) return { entry, at: normal };
    if (!symlinks.length) return undefined;
    const link = entry?.mode === '120000' ? normal : symlinks.find((s) => normal.startsWith(`${s}/`));
    if (!link) return undefined;
    const target = this.text(listing.get(link)!.oid);
    if (target === undefined || target.startsWith('/')) return undefined;
    const replaced = path.posix.join(path.posix.dirname(link), target) + normal.slice(link.length);
    return this.entryAt(listing, symlinks, replaced, hops + 1);
  }

  private quietKey(oid: string, generators: string): string {
    let n = this.generatorNumbers.get(generators);
    if (n === undefined) this.generatorNumbers.set(generators, (n = this.generatorNumbers.size));
    return `${oid}${n}`;
  }

  private markQuiet(oid: string, generators: string): void {
    // Bounded: a long run over hundreds of tags would otherwise keep every version of every file.
    if (this.quiet.size >= MAX_QUIET) this.quiet.clear();
    this.quiet.add(this.quietKey(oid, generators));
  }

  private isWalked(file: string): boolean {
    let walked = this.walked.get(file);
    if (walked === undefined) this.walked.set(file, (walked = isWalkedSource(file)));
    return walked;
  }

  /**
   * Scans one commit's files; `where` names the commit in errors. `mentioning`, when given, names the
   * commit's files under the pathspecs whose text contains any of the names (GitRepository
   * filesMentioning): used instead of reading every blob when most of the tree must be searched (the
   * first commit, or every file after the generators changed).
   */
  scan(
    listing: TreeListing,
    where: string,
    mentioning?: (names: readonly string[], pathspecs: readonly string[]) => ReadonlySet<string>,
  ): CommitScan {
    const started = performance.now();
    const stats: CommitScanStats = { files: 0, readFiles: 0, bytes: 0, lexedFiles: 0, resolvedFiles: 0, milliseconds: 0 };
    const makefile = listing.get('Makefile');
    if (!makefile || !isRegularFile(makefile)) throw new ScanError(`${where}: no top-level Makefile, so not a kernel tree`);
    const kernelVersion = treeVersionOf(this.text(makefile.oid) ?? '', `${where}:Makefile`);

    // The paths whose entry differs from the commit scanned before (every path, the first time).
    const epoch = ++this.scans;
    const previous = this.listing;
    const dirty = new Set<string>();
    const symlinks: string[] = [];
    const archSet = new Set<string>();
    const headerFiles: string[] = [];
    const sourceFiles: string[] = [];
    let linkChanged = !previous;
    for (const [file, entry] of listing) {
      const before = previous?.get(file);
      const changed = before?.oid !== entry.oid || before.mode !== entry.mode;
      if (changed) dirty.add(file);
      if (entry.mode === '120000') {
        symlinks.push(file);
        if (changed) linkChanged = true;
      }
      if (file.startsWith('arch/')) {
        const slash = file.indexOf('/', 5);
        if (slash > 5) archSet.add(file.slice(5, slash));
      }
      if (isRegularFile(entry) && this.isWalked(file)) (file.endsWith('.h') ? headerFiles : sourceFiles).push(file);
    }
    if (previous)
      for (const [file, entry] of previous)
        if (!listing.has(file)) {
          dirty.add(file);
          if (entry.mode === '120000') linkChanged = true;
        }
    this.listing = listing;
    const arches = [...archSet].sort();
    headerFiles.sort();
    sourceFiles.sort();
    stats.files = headerFiles.length + sourceFiles.length;

    const located = new Map<string, { entry: TreeEntry; at: string } | undefined>();
    const entryAt = (file: string) => {
      if (!located.has(file)) located.set(file, this.entryAt(listing, symlinks, file));
      return located.get(file);
    };
    const read = (file: string) => {
      const found = entryAt(file);
      return found && this.text(found.entry.oid);
    };

    // A file is read and searched again only when its blob or the generators it can use changed, and
    // not even then when that blob was searched for the same names before, here or at another path.
    const lexAll = (files: readonly string[], generatorsOf: (file: string) => string[], generatorsChanged: boolean): FileLex[] => {
      let stale: number[] = [];
      let wanted: string[] = [];
      files.forEach((file, i) => {
        const oid = listing.get(file)!.oid;
        const cached = this.lexes.get(file);
        if (cached?.oid === oid && !generatorsChanged) return;
        const generators = generatorsOf(file).join(' ');
        if (cached?.oid === oid && cached.generators === generators) return;
        if (cached) remember(this.earlierLexes, `${file}\t${cached.oid}\t${cached.generators}`, cached);
        const earlier = this.earlierLexes.get(`${file}\t${oid}\t${generators}`);
        if (earlier) this.lexes.set(file, earlier);
        else if (this.quiet.has(this.quietKey(oid, generators))) this.lexes.set(file, { oid, generators, lex: undefined });
        else {
          stale.push(i);
          wanted.push(generators);
        }
      });
      // Most of the files to search: git grep says which can mention a name, the others are not read.
      if (mentioning && stale.length >= this.grepAtLeast && stale.length * 8 > files.length) {
        const names = new Set([EXPORT_MARKER, ...wanted.flatMap((g) => (g ? g.split(' ') : []))]);
        const extensions = [...new Set(stale.map((i) => files[i]!.slice(files[i]!.lastIndexOf('.'))))];
        const mentions = mentioning([...names], walkedSourcePathspecs(extensions));
        const read = stale.flatMap((i, n) => {
          if (mentions.has(files[i]!)) return [n];
          const oid = listing.get(files[i]!)!.oid;
          this.markQuiet(oid, wanted[n]!);
          this.lexes.set(files[i]!, { oid, generators: wanted[n]!, lex: undefined });
          return [];
        });
        stale = read.map((n) => stale[n]!);
        wanted = read.map((n) => wanted[n]!);
      }
      const oids = stale.map((i) => listing.get(files[i]!)!.oid);
      this.blobs.readMany(oids, (n, content) => {
        const file = files[stale[n]!]!;
        if (!content) throw new ScanError(`${where}:${file}: git has no blob ${oids[n]}`);
        stats.readFiles++;
        stats.bytes += content.length;
        const generators = wanted[n] ? wanted[n].split(' ') : [];
        const lex = mentionsAny(content, generators) ? lexFile(file, content.toString('latin1'), generators) : undefined;
        if (!lex) this.markQuiet(oids[n]!, wanted[n]!);
        this.lexes.set(file, { oid: oids[n]!, generators: wanted[n]!, lex });
      });
      const lexes: FileLex[] = [];
      for (const file of files) {
        const lex = this.lexes.get(file)!.lex;
        if (lex) lexes.push(lex);
      }
      return lexes;
    };

    const headers = lexAll(headerFiles, () => [], false);
    const wrappers = discoverWrappers(headers.flatMap((h) => h.defines));
    const asmMacros = asmExportMacrosOf(read, headers);
    const generators = [...generatorsOf(wrappers), ...asmMacros];
    const asmNames = asmMacros.map((g) => g.name);
    const asmDigest = digest(asmNames);
    const archesDigest = digest(arches);
    // The generators each source file can use are worked out again only for files whose blob changed,
    // or for all when the generators did.
    const generatorsDigest = digest(generators);
    const generatorsChanged = generatorsDigest !== this.generatorsDigest;
    this.generatorsDigest = generatorsDigest;
    const watched = new WatchedTable(wrappers);
    let wholeTable: string | undefined;
    const nameDigests = new Map<string, string>();
    const nameDigest = (name: string) => {
      let d = nameDigests.get(name);
      if (d === undefined) nameDigests.set(name, (d = definitionsDigest(wrappers.get(name))));
      return d;
    };
    const sources = lexAll(sourceFiles, (f) => generatorsFor(f, generators), generatorsChanged);
    stats.lexedFiles = headers.length + sources.length;

    // The arch list, noting whether a resolution looked at it.
    let archesRead = false;
    const watchedArches = new Proxy(arches, {
      get(target, property, receiver) {
        archesRead = true;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });

    const valid = (cached: ResolvedEntry | undefined, key: string): boolean => {
      if (
        cached === undefined ||
        cached.key !== key ||
        (cached.table !== undefined && cached.table !== (wholeTable ??= tableDigest(wrappers))) ||
        (cached.arches !== undefined && cached.arches !== archesDigest)
      )
        return false;
      // Valid at the scan before and no symbolic link changed: only the paths changed since can differ.
      const since = cached.checked === epoch - 1 && !linkChanged;
      const ok =
        [...cached.reads].every(([file, oid]) => (since ? !dirty.has(file) : (entryAt(file)?.entry.oid ?? '') === oid)) &&
        [...cached.makefiles].every(([file, dependency]) => {
          if (since && !dirty.has(file)) return true;
          const oid = entryAt(file)?.entry.oid;
          return makefileDependency(oid, oid && this.text(oid)) === dependency;
        }) &&
        [...(cached.names ?? [])].every(([name, d]) => nameDigest(name) === d);
      if (ok) cached.checked = epoch;
      return ok;
    };
    const resolveOne = (lex: FileLex, isSource: boolean): FileExports => {
      const entry = this.lexes.get(lex.file)!;
      const key = `${entry.oid}\t${entry.generators}\t${isSource && lex.file.endsWith('.S') ? asmDigest : ''}`;
      const cached = this.resolved.get(lex.file);
      if (valid(cached, key)) return cached!.result;
      if (cached) remember(this.earlierResolved, `${lex.file}\t${cached.key}`, cached);
      const earlier = this.earlierResolved.get(`${lex.file}\t${key}`);
      if (valid(earlier, key)) {
        this.resolved.set(lex.file, earlier!);
        return earlier!.result;
      }
      stats.resolvedFiles++;
      const reads = new Map<string, string>();
      const recordingRead = (file: string) => {
        const found = entryAt(file);
        reads.set(path.posix.normalize(file), found?.entry.oid ?? '');
        if (found) reads.set(found.at, found.entry.oid);
        return found && this.text(found.entry.oid);
      };
      const makefileReads = new Map<string, string>();
      const makefileRead = (file: string) => {
        const found = entryAt(file);
        const text = found && this.text(found.entry.oid);
        makefileReads.set(path.posix.normalize(file), makefileDependency(found?.entry.oid, text));
        if (found) makefileReads.set(found.at, makefileDependency(found.entry.oid, text));
        return text;
      };
      // Fresh lookups per file, so that every read lands in this file's record (a shared memo would hide some).
      const makefiles = new MakefileNamespaceLookup('', makefileRead);
      const context: ResolveContext = {
        makefileNamespace: () => makefiles.namespaceFor(lex.file),
        tree: { read: recordingRead, macros: new MacroEnvironment(recordingRead, () => watchedArches), arches: () => watchedArches },
        ...(isSource ? { asmMacros: asmNames } : {}),
      };
      const looked = new Set<string>();
      watched.looked = looked;
      watched.whole = false;
      archesRead = false;
      let result: FileExports;
      try {
        result = resolveFile(lex, watched, context);
      } finally {
        watched.looked = undefined;
      }
      const names = watched.whole ? undefined : new Map([...looked].map((name) => [name, nameDigest(name)]));
      this.resolved.set(lex.file, {
        key,
        table: names ? undefined : (wholeTable ??= tableDigest(wrappers)),
        arches: archesRead ? archesDigest : undefined,
        names,
        reads,
        makefiles: makefileReads,
        result,
        checked: epoch,
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

    // Files gone from the tree (or no longer scanned) leave the caches for the earlier entries, in case they come back.
    const scanned = new Set([...headerFiles, ...sourceFiles]);
    for (const file of this.lexes.keys())
      if (!scanned.has(file)) {
        const gone = this.lexes.get(file)!;
        remember(this.earlierLexes, `${file}\t${gone.oid}\t${gone.generators}`, gone);
        this.lexes.delete(file);
      }
    for (const [file, gone] of this.resolved)
      if (!scanned.has(file)) {
        remember(this.earlierResolved, `${file}\t${gone.key}`, gone);
        this.resolved.delete(file);
      }
    stats.milliseconds = performance.now() - started;
    return {
      kernelVersion,
      rows: sortRows(perFile.flatMap((f) => f.rows)),
      unresolved: perFile.flatMap((f) => [...f.unresolved].sort((a, b) => a.line - b.line)),
      stats,
    };
  }
}
