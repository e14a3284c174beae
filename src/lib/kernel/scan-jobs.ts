// The per-chunk work of a scan, run in a worker thread or in-process: walk directories, read files,
// keep those that mention a marker, lex them and, once the header wrappers are known, resolve them.
import { EXPORT_MARKER, lexFile, type FileLex } from './lex.ts';
import { MakefileNamespaceLookup } from './namespaces.ts';
import { MacroEnvironment } from './macro-env.ts';
import { resolveFile, type FileExports, type ResolveContext } from './resolve.ts';
import { createFileReader, createTreeReader, treeArches, walkSources, type SourceFiles } from './source-files.ts';
import { generatorsFor, type Generator, type WrapperTable } from './wrappers.ts';

export interface LexJob {
  root: string;
  files: string[];
  /** Header macros without EXPORT in their name: files using them must be lexed too. */
  generators: Generator[];
}

/** Walk these directories; lex their headers and `headers`; hand back the .c and .S files found. */
export interface HeaderJob {
  root: string;
  dirs: string[];
  headers: string[];
}

export interface ResolveJob extends LexJob {
  wrappers: WrapperTable;
  /** Assembler macros leading to an export of a parameter (asm-macros.ts). */
  asmMacros: string[];
}

export interface JobStats {
  files: number;
  bytes: number;
  lexedFiles: number;
}

const EXPORT_BYTES = Buffer.from(EXPORT_MARKER, 'latin1');

/** Whether a file can hold an export: each name searched costs a pass over the bytes, so few are. */
export function mentionsAny(content: Buffer, names: readonly string[]): boolean {
  if (content.indexOf(EXPORT_BYTES) >= 0) return true;
  for (const name of names) if (content.indexOf(name, 0, 'latin1') >= 0) return true;
  return false;
}

// One read buffer per thread, reused by every job it runs.
let read: ((file: string) => Buffer) | undefined;

function lexJob(job: LexJob): { lexed: FileLex[]; stats: JobStats } {
  read ??= createFileReader();
  const lexed: FileLex[] = [];
  let bytes = 0;
  for (const file of job.files) {
    const content = read(`${job.root}/${file}`);
    bytes += content.length;
    const generators = job.generators.length ? generatorsFor(file, job.generators) : [];
    if (mentionsAny(content, generators)) lexed.push(lexFile(file, content.toString('latin1'), generators));
  }
  return { lexed, stats: { files: job.files.length, bytes, lexedFiles: lexed.length } };
}

export function headerJob(job: HeaderJob): { lexed: FileLex[]; sources: string[]; stats: JobStats } {
  const found: SourceFiles = { headers: [...job.headers], sources: [] };
  for (const dir of job.dirs) walkSources(job.root, dir, found);
  return { ...lexJob({ root: job.root, files: found.headers, generators: [] }), sources: found.sources };
}

let treeOfThread: { root: string; tree: NonNullable<ResolveContext['tree']> } | undefined;

/** This thread's view of a tree for lookups beyond a file's text, kept across the jobs of one scan. */
export function treeLookups(root: string): NonNullable<ResolveContext['tree']> {
  if (treeOfThread?.root !== root) {
    const read = createTreeReader(root);
    let arches: string[] | undefined;
    const listArches = () => (arches ??= treeArches(root));
    treeOfThread = { root, tree: { read, arches: listArches, macros: new MacroEnvironment(read, listArches) } };
  }
  return treeOfThread.tree;
}

export function resolveJob(job: ResolveJob): { exports: Array<FileExports & { file: string }>; stats: JobStats } {
  const { lexed, stats } = lexJob(job);
  const makefiles = new MakefileNamespaceLookup(job.root);
  const tree = treeLookups(job.root);
  const exports = lexed.map((lex) => ({
    file: lex.file,
    ...resolveFile(lex, job.wrappers, { makefileNamespace: () => makefiles.namespaceFor(lex.file), tree, asmMacros: job.asmMacros }),
  }));
  return { exports, stats };
}
