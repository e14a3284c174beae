// The export table for `npm run check-module`: a release's snapshot (the latest by default, or one
// named by release or path) and the records of a repository. The browser gets the same table as JSON.
import { InputFileError, readRegularFile } from './input-file.ts';
import { loadRecords, loadSnapshots } from './records/load.ts';
import { parseSnapshot, SnapshotError, type Snapshot } from './kernel/snapshot.ts';
import { sitePaths } from './urls.ts';
import { buildExportTable, type ExportTable } from './check-module.ts';
import { isPageName } from './urls.ts';
import path from 'node:path';
import { readStore } from './history/store-io.ts';
import { HistoryError, type HistoryStore } from './history/model.ts';
import { HISTORY_DIR } from './history/store-files.ts';
import { snapshotOf } from './history/reconstruct.ts';
import { compareReleases } from './kernel/versions.ts';
import { buildHistoryTable, type HistoryTable } from './check-module-history.ts';

export class CheckModuleDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckModuleDataError';
  }
}

/** `snapshot`: a release (v6.19, 6.19) held in content/snapshots or the history store, or a path to a .tsv; default the latest. */
export function chooseSnapshot(root: string, snapshot?: string, store = readHistory(root)): Snapshot {
  if (snapshot?.endsWith('.tsv')) {
    try {
      // Only a regular file is read: a FIFO would block, a directory is a mistake.
      return parseSnapshot(readRegularFile(snapshot, { expected: 'a snapshot file' }).toString('utf8'), snapshot);
    } catch (error) {
      if (error instanceof SnapshotError || error instanceof InputFileError) throw new CheckModuleDataError(error.message);
      throw error;
    }
  }
  const all = loadSnapshots(root, store);
  if (!all.length) throw new CheckModuleDataError(`no releases in ${root}/content/snapshots or ${root}/${HISTORY_DIR}`);
  if (snapshot === undefined) return all.at(-1)!;
  const wanted = snapshot.startsWith('v') ? snapshot : `v${snapshot}`;
  const found = all.find((s) => s.version === wanted) ?? snapshotOf(store, wanted);
  if (!found) {
    const held = new Set([...all.map((s) => s.version), ...store.releases.map((r) => r.release)]);
    throw new CheckModuleDataError(`no release ${wanted}; held: ${[...held].sort(compareReleases).join(', ')}`);
  }
  return found;
}

/** The table, and which symbols have a page on the site (a record, or exported in a release held). */
export function loadExportTable(root: string, snapshot?: string): { table: ExportTable; hasPage: (symbol: string) => boolean } {
  const store = readHistory(root);
  const chosen = chooseSnapshot(root, snapshot, store);
  const { records, hasPage } = recordsAndPages(root, store);
  return { table: buildExportTable(chosen, records), hasPage };
}

function recordsAndPages(root: string, store: HistoryStore) {
  const records = loadRecords(root, sitePaths('/')).flatMap((p) => (p.data ? [p.data] : []));
  const latest = loadSnapshots(root, store).at(-1);
  const exported = [...(latest?.rows ?? []).map((r) => r.symbol), ...store.intervals.map((i) => i.symbol)];
  const pages = new Set([...records.map((r) => r.symbol), ...exported.filter(isPageName)]);
  return { records, hasPage: (symbol: string) => pages.has(symbol) };
}

/** The history store of `root` (content/history); a malformed one is the checker's input error. */
function readHistory(root: string): HistoryStore {
  try {
    return readStore(path.join(root, HISTORY_DIR), HISTORY_DIR);
  } catch (error) {
    if (error instanceof HistoryError) throw new CheckModuleDataError(error.message);
    throw error;
  }
}

/** The history store of `root` (content/history) as the checker's table across releases, with the records' facts. */
export function loadHistoryTable(root: string): { history: HistoryTable; hasPage: (symbol: string) => boolean } {
  const store = readHistory(root);
  if (!store.releases.length) throw new CheckModuleDataError(`no releases in ${root}/${HISTORY_DIR} (npm run history -- add adds them)`);
  const { records, hasPage } = recordsAndPages(root, store);
  return { history: buildHistoryTable(store, buildExportTable({ version: '', rows: [] }, records).records), hasPage };
}
