// Writes a folder of generated files, touching only those whose content changed since the
// previous build (the API's 40,000 symbol files on a rebuild after one edit), and deleting those
// no longer generated. The folder's previous hashes come from a manifest the caller keeps.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type FileHashes = Record<string, string>;

const hashOf = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * `previous`: the hashes of what `folder` holds now (undefined when unknown: every file is
 * written). Returns the hashes of what it holds afterwards and how many files were written.
 */
export function writeChangedFiles(
  folder: string,
  files: Iterable<{ name: string; text: string }>,
  previous: FileHashes | undefined,
): { hashes: FileHashes; written: number } {
  const { hashes, written } = writeDiffering(folder, files, previous ?? {});
  for (const name of Object.keys(previous ?? {})) if (!(name in hashes)) fs.rmSync(path.join(folder, name), { force: true });
  return { hashes, written };
}

/**
 * Writes, ahead of writeChangedFiles, files whose content is known early (on another thread while
 * the pages render), deleting nothing. `held`: the hashes of what `folder` holds now. Returns those
 * of what it holds afterwards: writeChangedFiles, given them, writes only what still differs.
 */
export function writeFilesAhead(
  folder: string,
  files: Iterable<{ name: string; text: string }>,
  held: FileHashes,
): { hashes: FileHashes; written: number } {
  const { hashes, written } = writeDiffering(folder, files, held);
  return { hashes: { ...held, ...hashes }, written };
}

/** Writes each file whose hash differs from `held`'s; returns the hashes of the files given. */
function writeDiffering(folder: string, files: Iterable<{ name: string; text: string }>, held: FileHashes) {
  fs.mkdirSync(folder, { recursive: true });
  const hashes: FileHashes = {};
  let written = 0;
  for (const { name, text } of files) {
    const hash = hashOf(text);
    hashes[name] = hash;
    if (held[name] === hash) continue;
    fs.writeFileSync(path.join(folder, name), text);
    written++;
  }
  return { hashes, written };
}
