// The files of a kernel tree that can hold exports, and a cheap way to read many of them.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

/** Top-level trees that are not kernel code: userspace tools, docs, build scripts. */
const EXCLUDED_TOP_LEVEL = new Set(['tools', 'Documentation', 'scripts']);
const SOURCE_FILE = /\.[chS]$/;

export interface SourceFiles {
  headers: string[];
  /** .c and .S files. */
  sources: string[];
}

/**
 * Whether a regular file at this `/`-separated relative path is one a walk of the tree visits: a .c, .h
 * or .S file outside the excluded top-level trees, with no path component starting with a dot.
 */
export function isWalkedSource(rel: string): boolean {
  const parts = rel.split('/');
  if (parts.some((p) => p.startsWith('.'))) return false;
  if (parts.length > 1 && EXCLUDED_TOP_LEVEL.has(parts[0]!)) return false;
  return SOURCE_FILE.test(parts.at(-1)!);
}

/**
 * Git pathspecs for the walked files with these extensions (`.c`): `git grep` then reads no blob a walk
 * would skip (in a blobless clone, each would be fetched on its own).
 */
export function walkedSourcePathspecs(extensions: readonly string[]): string[] {
  return [
    ...extensions.map((e) => `*${e}`),
    ...[...EXCLUDED_TOP_LEVEL].map((d) => `:(exclude)${d}/`),
    ':(exclude,glob)**/.*',
    ':(exclude,glob)**/.*/**',
  ];
}

function addSource(into: SourceFiles, rel: string): void {
  if (rel.endsWith('.h')) into.headers.push(rel);
  else into.sources.push(rel);
}

/** Adds the .c, .h and .S files under `dir` (relative to `root`) to `into`, as `/`-separated relative paths. */
export function walkSources(root: string, dir: string, into: SourceFiles): void {
  const pending = [dir];
  while (pending.length) {
    const current = pending.pop()!;
    for (const entry of readdirSync(path.join(root, current), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const rel = current ? `${current}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!(current === '' && EXCLUDED_TOP_LEVEL.has(entry.name))) pending.push(rel);
      } else if (entry.isFile() && SOURCE_FILE.test(entry.name)) addSource(into, rel);
    }
  }
}

/**
 * Splits a tree for walking in parallel: the source files of its top two levels, and the directories
 * two levels down (`drivers/net`, `arch/x86`), each to be walked whole.
 */
export function planWalk(root: string): { files: SourceFiles; dirs: string[] } {
  const files: SourceFiles = { headers: [], sources: [] };
  const dirs: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isFile() && SOURCE_FILE.test(entry.name)) addSource(files, entry.name);
    if (!entry.isDirectory() || EXCLUDED_TOP_LEVEL.has(entry.name)) continue;
    for (const sub of readdirSync(path.join(root, entry.name), { withFileTypes: true })) {
      if (sub.name.startsWith('.')) continue;
      const rel = `${entry.name}/${sub.name}`;
      if (sub.isDirectory()) dirs.push(rel);
      else if (sub.isFile() && SOURCE_FILE.test(sub.name)) addSource(files, rel);
    }
  }
  return { files, dirs };
}

/**
 * Returns a function reading a whole file into one reused buffer: most files are only searched for a
 * marker and dropped, so allocating a fresh buffer for each would dominate. A read that does not fill
 * the buffer is taken as the end of a regular file, which saves a system call per file. The returned
 * view is valid until the next call.
 */
export function createFileReader(): (file: string) => Buffer {
  let buffer = Buffer.allocUnsafe(1 << 20);
  return (file) => {
    const fd = openSync(file, 'r');
    try {
      let length = 0;
      for (;;) {
        const n = readSync(fd, buffer, length, buffer.length - length, null);
        length += n;
        if (n === 0 || length < buffer.length) break;
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      return buffer.subarray(0, length);
    } finally {
      closeSync(fd);
    }
  };
}

/**
 * Reads files of a tree by relative path for the few lookups beyond the scan's own pass (included
 * headers, macro definitions): only regular files, as latin1 text, each read once.
 */
export function createTreeReader(root: string): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (cache.has(file)) return cache.get(file);
    let text: string | undefined;
    try {
      const full = path.join(root, file);
      if (statSync(full).isFile()) text = readFileSync(full, 'latin1');
    } catch {
      // Absent or unreadable: not part of the tree.
    }
    cache.set(file, text);
    return text;
  };
}

/** The architectures of a tree: the directories under arch/. */
export function treeArches(root: string): string[] {
  try {
    return readdirSync(path.join(root, 'arch'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}
