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

/** Every file in a record directory except README.md; non-.mdx files are reported, not skipped. */
export function listRecordFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== 'README.md' && !e.name.startsWith('.'))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** `root` is the repository (or a test fixture tree); file names in problems are relative to it. */
export function loadRecords(root: string, paths: SitePaths, files = listRecordFiles(path.join(root, EXPORTS_DIR))): Parsed<RecordData>[] {
  return files.map((file) => parseRecordFile(relative(root, file), fs.readFileSync(file), paths));
}

export function loadMechanisms(root: string, paths: SitePaths): Parsed<MechanismData>[] {
  return listRecordFiles(path.join(root, MECHANISMS_DIR)).map((file) => parseMechanismFile(relative(root, file), fs.readFileSync(file), paths));
}

/** Committed snapshots, oldest release first. */
export function loadSnapshots(root: string): Snapshot[] {
  const dir = path.join(root, SNAPSHOTS_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter(isSnapshotFileName)
    .map((name) => parseSnapshot(fs.readFileSync(path.join(dir, name), 'utf8'), path.join(SNAPSHOTS_DIR, name)))
    .sort((a, b) => compareReleases(a.version, b.version));
}

/** The unresolved uses committed beside each snapshot (v6.19.unresolved.tsv), by the snapshot's release. */
export function loadUnresolved(root: string): Map<string, UnresolvedUse[]> {
  const dir = path.join(root, SNAPSHOTS_DIR);
  const byRelease = new Map<string, UnresolvedUse[]>();
  if (!fs.existsSync(dir)) return byRelease;
  for (const name of fs.readdirSync(dir).filter(isSnapshotFileName)) {
    const beside = name.replace(/\.tsv$/, '.unresolved.tsv');
    if (!fs.existsSync(path.join(dir, beside))) continue;
    const version = parseSnapshot(fs.readFileSync(path.join(dir, name), 'utf8'), path.join(SNAPSHOTS_DIR, name)).version;
    byRelease.set(version, parseUnresolvedFile(fs.readFileSync(path.join(dir, beside), 'utf8'), path.join(SNAPSHOTS_DIR, beside)));
  }
  return byRelease;
}

/** `file` is as listed (already joined with `root`) or absolute; either resolves from the working directory. */
function relative(root: string, file: string): string {
  return path.relative(path.resolve(root), path.resolve(file)).split(path.sep).join('/');
}
