// Drift's input: a kernel tree (scanned) or a snapshot file.
import fs from 'node:fs';
import { parseSnapshot, SnapshotError, type ExportRow } from '../kernel/snapshot.ts';
import { scanTree, ScanError, workersPerCore } from '../kernel/scan.ts';
import { kernelRelease } from '../kernel/makefile-version.ts';
import { fileKind, InputFileError, readRegularFile } from '../input-file.ts';

export interface DriftInput {
  kind: 'tree' | 'snapshot';
  path: string;
  /** Release name (v6.19), or "the input" when the snapshot names none. */
  version: string;
  rows: ExportRow[];
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
