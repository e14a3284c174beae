// The export table for `npm run check-module`: a committed snapshot (the latest by default, or one
// named by release or path) and the records of a repository. The browser gets the same table as JSON.
import { InputFileError, readRegularFile } from './input-file.ts';
import { loadRecords, loadSnapshots } from './records/load.ts';
import { parseSnapshot, SnapshotError, type Snapshot } from './kernel/snapshot.ts';
import { sitePaths } from './urls.ts';
import { buildExportTable, type ExportTable } from './check-module.ts';
import { isPageName } from './urls.ts';
import path from 'node:path';
import { readStore } from './history/store-io.ts';
import { HistoryError } from './history/model.ts';
import { buildHistoryTable, type HistoryTable } from './check-module-history.ts';

export class CheckModuleDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckModuleDataError';
  }
}

/** `snapshot`: a release (v6.19, 6.19) of content/snapshots, or a path to a .tsv; default the latest. */
export function chooseSnapshot(root: string, snapshot?: string): Snapshot {
  if (snapshot?.endsWith('.tsv')) {
    try {
      // Only a regular file is read: a FIFO would block, a directory is a mistake.
      return parseSnapshot(readRegularFile(snapshot, { expected: 'a snapshot file' }).toString('utf8'), snapshot);
    } catch (error) {
      if (error instanceof SnapshotError || error instanceof InputFileError) throw new CheckModuleDataError(error.message);
      throw error;
    }
  }
  const all = loadSnapshots(root);
  if (!all.length) throw new CheckModuleDataError(`no snapshots in ${root}/content/snapshots`);
  if (snapshot === undefined) return all.at(-1)!;
  const wanted = snapshot.startsWith('v') ? snapshot : `v${snapshot}`;
  const found = all.find((s) => s.version === wanted);
  if (!found) throw new CheckModuleDataError(`no snapshot of ${wanted}; committed: ${all.map((s) => s.version).join(', ')}`);
  return found;
}

/** The table, and which symbols have a page on the site (a record, or exported in the latest snapshot). */
export function loadExportTable(root: string, snapshot?: string): { table: ExportTable; hasPage: (symbol: string) => boolean } {
  const chosen = chooseSnapshot(root, snapshot);
  const { records, hasPage } = recordsAndPages(root);
  return { table: buildExportTable(chosen, records), hasPage };
}

function recordsAndPages(root: string) {
  const records = loadRecords(root, sitePaths('/')).flatMap((p) => (p.data ? [p.data] : []));
  const latest = loadSnapshots(root).at(-1);
  const pages = new Set([...records.map((r) => r.symbol), ...(latest?.rows ?? []).map((r) => r.symbol).filter(isPageName)]);
  return { records, hasPage: (symbol: string) => pages.has(symbol) };
}

/** The history store of `root` (content/history) as the checker's table across releases, with the records' facts. */
export function loadHistoryTable(root: string): { history: HistoryTable; hasPage: (symbol: string) => boolean } {
  let store;
  try {
    store = readStore(path.join(root, 'content/history'), 'content/history');
  } catch (error) {
    if (error instanceof HistoryError) throw new CheckModuleDataError(error.message);
    throw error;
  }
  if (!store.releases.length) throw new CheckModuleDataError(`no releases in ${root}/content/history (npm run history -- add adds them)`);
  const { records, hasPage } = recordsAndPages(root);
  return { history: buildHistoryTable(store, buildExportTable({ version: '', rows: [] }, records).records), hasPage };
}
