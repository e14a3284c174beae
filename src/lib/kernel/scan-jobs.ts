// The per-chunk work of a scan, run in a worker thread or in-process: read files, keep those that
// mention a marker, lex them and, once the header wrappers are known, resolve them to rows.
import { EXPORT_MARKER, lexFile, type FileLex } from './lex.ts';
import { MakefileNamespaceLookup } from './namespaces.ts';
import { resolveFile, type FileExports } from './resolve.ts';
import { createFileReader } from './source-files.ts';
import type { WrapperTable } from './wrappers.ts';

export interface LexJob {
  root: string;
  files: string[];
  /** Header macros without EXPORT in their name: files using them must be read too. */
  generators: string[];
}

export interface ResolveJob extends LexJob {
  wrappers: WrapperTable;
}

export interface JobStats {
  bytes: number;
  lexedFiles: number;
}

function mentionsAny(content: Buffer, markers: readonly Buffer[]): boolean {
  for (const marker of markers) if (content.indexOf(marker) >= 0) return true;
  return false;
}

export function lexJob(job: LexJob): { lexed: FileLex[]; stats: JobStats } {
  const read = createFileReader();
  const markers = [EXPORT_MARKER, ...job.generators].map((m) => Buffer.from(m, 'latin1'));
  const lexed: FileLex[] = [];
  let bytes = 0;
  for (const file of job.files) {
    const content = read(`${job.root}/${file}`);
    bytes += content.length;
    if (mentionsAny(content, markers)) lexed.push(lexFile(file, content.toString('latin1'), job.generators));
  }
  return { lexed, stats: { bytes, lexedFiles: lexed.length } };
}

export function resolveJob(job: ResolveJob): { exports: Array<FileExports & { file: string }>; stats: JobStats } {
  const { lexed, stats } = lexJob(job);
  const makefiles = new MakefileNamespaceLookup(job.root);
  const exports = lexed.map((lex) => ({ file: lex.file, ...resolveFile(lex, job.wrappers, () => makefiles.namespaceFor(lex.file)) }));
  return { exports, stats };
}
