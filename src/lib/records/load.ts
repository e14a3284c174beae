// Reads the record directories from disk and parses every file once.
import fs from 'node:fs';
import path from 'node:path';
import { parseMechanismFile, parseRecordFile, type Parsed } from './parse.ts';
import { EXPORTS_DIR, MECHANISMS_DIR, SNAPSHOTS_DIR } from '../project.ts';
import { isSnapshotFileName, parseSnapshot, type Snapshot } from '../kernel/snapshot.ts';
import { parseUnresolvedFile, type UnresolvedUse } from '../kernel/unresolved-file.ts';
import { compareReleases } from '../kernel/versions.ts';
import type { MechanismData, RecordData } from '../schema.ts';
import type { SitePaths } from '../urls.ts';
import type { Problem } from '../problems.ts';
import { printable } from '../printable.ts';

/** Every file in a record directory except README.md; non-.mdx files are reported, not skipped. */
export function listRecordFiles(dir: string): string[] {
  return listRecordEntries(dir, dir).files;
}

export interface RecordEntries {
  /** Regular, visible files (absolute or as joined with `dir`), sorted: each is read as a record. */
  files: string[];
  /** A warning for every other entry (symbolic link, directory, FIFO, hidden file): never skipped silently. */
  problems: Problem[];
}

/**
 * The entries of a record directory. Only regular files are read (a FIFO would block, a link could
 * point anywhere); README.md is the directory's own documentation. Every other entry is a warning
 * naming it, relative to `root`.
 */
export function listRecordEntries(dir: string, root: string): RecordEntries {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return { files: [], problems: [] };
  }
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const entry of entries) {
    const file = path.join(dir, entry.name);
    if (entry.name === 'README.md' && entry.isFile()) continue;
    const kind = entry.isFile()
      ? undefined
      : entry.isSymbolicLink()
        ? 'a symbolic link'
        : entry.isDirectory()
          ? 'a directory'
          : entry.isFIFO()
            ? 'a FIFO (named pipe)'
            : entry.isSocket()
              ? 'a socket'
              : 'not a regular file';
    const why = kind
      ? `is ${kind}; only regular files are read as records`
      : entry.name.startsWith('.')
        ? 'is a hidden file; records are never hidden (rename it, or move it out of the directory)'
        : undefined;
    if (why)
      problems.push({
        file: relative(root, file),
        line: 1,
        column: 1,
        severity: 'warning',
        rule: 'record-entry',
        message: `${printable(entry.name)} ${why}: not read`,
      });
    else files.push(file);
  }
  return { files: files.sort(), problems: problems.sort((a, b) => (a.file < b.file ? -1 : 1)) };
}

/** `root` is the repository (or a test fixture tree); file names in problems are relative to it. */
export function loadRecords(root: string, paths: SitePaths, files = listRecordFiles(path.join(root, EXPORTS_DIR))): Parsed<RecordData>[] {
  return files.map((file) => parseRecordFile(relative(root, file), fs.readFileSync(file), paths));
}

export function loadMechanisms(root: string, paths: SitePaths): Parsed<MechanismData>[] {
  return listRecordFiles(path.join(root, MECHANISMS_DIR)).map((file) =>
    parseMechanismFile(relative(root, file), fs.readFileSync(file), paths),
  );
}

/** Committed snapshots, oldest release first. */
export function loadSnapshots(root: string): Snapshot[] {
  const dir = path.join(root, SNAPSHOTS_DIR);
  if (!fs.existsSync(dir)) return [];
  // Regular files only: a FIFO would block, a link (a pull request can add one) could point anywhere.
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && isSnapshotFileName(entry.name))
    .map(({ name }) => parseSnapshot(fs.readFileSync(path.join(dir, name), 'utf8'), path.join(SNAPSHOTS_DIR, name)))
    .sort((a, b) => compareReleases(a.version, b.version));
}

/** The unresolved uses committed beside each snapshot (v6.19.unresolved.tsv), by the snapshot's release. */
export function loadUnresolved(root: string): Map<string, UnresolvedUse[]> {
  const dir = path.join(root, SNAPSHOTS_DIR);
  const byRelease = new Map<string, UnresolvedUse[]>();
  if (!fs.existsSync(dir)) return byRelease;
  for (const name of fs.readdirSync(dir).filter(isSnapshotFileName)) {
    const beside = name.replace(/\.tsv$/, '.unresolved.tsv');
    if (!fs.statSync(path.join(dir, beside), { throwIfNoEntry: false })?.isFile() || !fs.statSync(path.join(dir, name)).isFile()) continue;
    const version = parseSnapshot(fs.readFileSync(path.join(dir, name), 'utf8'), path.join(SNAPSHOTS_DIR, name)).version;
    byRelease.set(version, parseUnresolvedFile(fs.readFileSync(path.join(dir, beside), 'utf8'), path.join(SNAPSHOTS_DIR, beside)));
  }
  return byRelease;
}

/** `file` is as listed (already joined with `root`) or absolute; either resolves from the working directory. */
function relative(root: string, file: string): string {
  return path.relative(path.resolve(root), path.resolve(file)).split(path.sep).join('/');
}
