// Reads the record directories from disk and parses every file once.
import fs from 'node:fs';
import path from 'node:path';
import { parseMechanismFile, parseRecordFile, type Parsed } from './parse.ts';
import { EXPORTS_DIR, MECHANISMS_DIR, SNAPSHOTS_DIR } from '../project.ts';
import { isSnapshotFileName, parseSnapshot, UNRESOLVED_SUFFIX, type Snapshot } from '../kernel/snapshot.ts';
import { parseUnresolvedFile, type UnresolvedUse } from '../kernel/unresolved-file.ts';
import { compareReleases } from '../kernel/versions.ts';
import { readStore } from '../history/store-io.ts';
import { HISTORY_DIR } from '../history/store-files.ts';
import { HistoryError, type HistoryStore } from '../history/model.ts';
import { snapshotOf } from '../history/reconstruct.ts';
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

/**
 * The snapshots the site and the CLIs present, oldest release first: each `<release>.tsv` of
 * content/snapshots; each release whose `<release>.unresolved.tsv` is committed there without the
 * TSV, its rows read back from the history store (which gives every release it holds exactly); and
 * the store's newest release when it is newer than all of those (a release `history scan` added).
 * `store` defaults to the repository's content/history.
 */
export function loadSnapshots(root: string, store?: HistoryStore): Snapshot[] {
  const dir = path.join(root, SNAPSHOTS_DIR);
  const names = regularFiles(dir);
  const snapshots = names
    .filter(isSnapshotFileName)
    .map((name) => parseSnapshot(fs.readFileSync(path.join(dir, name), 'utf8'), path.join(SNAPSHOTS_DIR, name)));
  const history = store ?? readStore(path.join(root, HISTORY_DIR), HISTORY_DIR);
  const held = new Set(snapshots.map((s) => s.version));
  for (const name of names.filter((n) => n.endsWith(UNRESOLVED_SUFFIX))) {
    const release = name.slice(0, -UNRESOLVED_SUFFIX.length);
    if (held.has(release)) continue;
    const fromStore = snapshotOf(history, release);
    if (!fromStore)
      throw new HistoryError(
        `${SNAPSHOTS_DIR}/${name}`,
        1,
        `${release} is neither in ${SNAPSHOTS_DIR}/${release}.tsv nor in ${HISTORY_DIR}`,
      );
    snapshots.push(fromStore);
    held.add(release);
  }
  snapshots.sort((a, b) => compareReleases(a.version, b.version));
  const newest = history.releases.at(-1)?.release;
  if (newest && !held.has(newest) && (!snapshots.length || compareReleases(newest, snapshots.at(-1)!.version) > 0)) {
    snapshots.push(snapshotOf(history, newest)!);
  }
  return snapshots;
}

/** The unresolved uses committed in content/snapshots (v6.19.unresolved.tsv), by release (from the file name). */
export function loadUnresolved(root: string): Map<string, UnresolvedUse[]> {
  const dir = path.join(root, SNAPSHOTS_DIR);
  const byRelease = new Map<string, UnresolvedUse[]>();
  for (const name of regularFiles(dir).filter((n) => n.endsWith(UNRESOLVED_SUFFIX))) {
    const file = path.join(SNAPSHOTS_DIR, name);
    byRelease.set(name.slice(0, -UNRESOLVED_SUFFIX.length), parseUnresolvedFile(fs.readFileSync(path.join(dir, name), 'utf8'), file));
  }
  return byRelease;
}

/** Names of the regular files of `dir` (none when it is absent): a FIFO would block, a link (a pull request can add one) could point anywhere. */
function regularFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tsv'))
    .map((entry) => entry.name)
    .sort();
}

/** `file` is as listed (already joined with `root`) or absolute; either resolves from the working directory. */
function relative(root: string, file: string): string {
  return path.relative(path.resolve(root), path.resolve(file)).split(path.sep).join('/');
}
