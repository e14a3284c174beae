// Drift's input: a kernel tree (scanned), a snapshot file, or a release of the history store.
import fs from 'node:fs';
import path from 'node:path';
import { parseSnapshot, SnapshotError, type ExportRow } from '../kernel/snapshot.ts';
import { scanTree, ScanError, workersPerCore } from '../kernel/scan.ts';
import { kernelRelease } from '../kernel/makefile-version.ts';
import { fileKind, InputFileError, readRegularFile } from '../input-file.ts';
import { readStore } from '../history/store-io.ts';
import { HISTORY_DIR } from '../history/store-files.ts';
import { snapshotOf } from '../history/reconstruct.ts';
import { HistoryError, releaseLine } from '../history/model.ts';

export interface DriftInput {
  kind: 'tree' | 'snapshot' | 'release';
  path: string;
  /** Release name (v6.19), or "the input" when the snapshot names none. */
  version: string;
  rows: ExportRow[];
  /** A release of the history store older than its newest: records are compared with what their dated history says held then. */
  historical?: boolean;
}

/** The path cannot be compared with (missing, unreadable, not a tree or a snapshot). */
export class DriftInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DriftInputError';
  }
}

export async function readDriftInput(file: string): Promise<DriftInput> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new DriftInputError(`${file}: no such file or directory`);
  }
  if (stat.isDirectory()) {
    try {
      const scan = await scanTree(file, { workers: workersPerCore() });
      return { kind: 'tree', path: file, version: kernelRelease(scan.kernelVersion), rows: scan.rows };
    } catch (error) {
      if (error instanceof ScanError) throw new DriftInputError(error.message);
      throw error;
    }
  }
  // Only a regular file is read: a FIFO would block for ever.
  if (!stat.isFile())
    throw new DriftInputError(`${file}: is ${fileKind(stat)}, not a kernel tree (a directory) or a snapshot (a .tsv file)`);
  if (!file.endsWith('.tsv')) throw new DriftInputError(`${file}: expected a kernel tree (a directory) or a snapshot (a .tsv file)`);
  try {
    const snapshot = parseSnapshot(readRegularFile(file).toString('utf8'), file);
    return { kind: 'snapshot', path: file, version: snapshot.version || 'the snapshot', rows: snapshot.rows };
  } catch (error) {
    if (error instanceof SnapshotError || error instanceof InputFileError) throw new DriftInputError(error.message);
    throw error;
  }
}

/** One release of the history store of the repository at `root` (content/history), as its snapshot. */
export function readDriftRelease(root: string, release: string): DriftInput {
  let store;
  try {
    store = readStore(path.join(root, HISTORY_DIR), HISTORY_DIR);
  } catch (error) {
    if (error instanceof HistoryError) throw new DriftInputError(error.message);
    throw error;
  }
  const snapshot = snapshotOf(store, release);
  if (snapshot) {
    const historical = store.releases.at(-1)!.release !== release;
    return { kind: 'release', path: HISTORY_DIR, version: release, rows: snapshot.rows, historical };
  }
  const held = store.releases.map((r) => r.release);
  if (!held.length) throw new DriftInputError(`--release ${release}: the history store ${HISTORY_DIR} holds no release`);
  const sameLine = held.filter((r) => releaseLine(r) === releaseLine(release));
  const hint = sameLine.length ? `; of the ${releaseLine(release)} line it holds ${sameLine.join(', ')}` : '';
  throw new DriftInputError(
    `--release ${release}: the history store holds no such release (${held.length} releases, ${held[0]} to ${held.at(-1)}: npm run history -- list)${hint}`,
  );
}
