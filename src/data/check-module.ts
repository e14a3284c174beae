// The /check-module/ page's downloads, computed once per build: the latest snapshot's table and the
// history store's, each cut into the same name ranges (src/lib/check-module-shards.ts).
import { allRecords, historyStore, latestSnapshot } from './site.ts';
import { buildExportTable, encodeExportTable } from '../lib/check-module.ts';
import { buildHistoryTable, encodeHistoryTable, type EncodedHistory } from '../lib/check-module-history.ts';
import { downloadBounds, splitEncoded } from '../lib/check-module-shards.ts';
import type { EncodedTable } from '../lib/check-module-table.ts';

export interface CheckModuleDownloads {
  /** The first name of each range. */
  bounds: string[];
  latest: EncodedTable[];
  /** Empty when the content tree has no history store. */
  history: EncodedHistory[];
  /** The history store's releases, oldest first. */
  releases: string[];
}

let value: Promise<CheckModuleDownloads> | undefined;

export const checkModuleDownloads = () => (value ??= load());

async function load(): Promise<CheckModuleDownloads> {
  const snapshot = (await latestSnapshot()) ?? { version: '', rows: [] };
  const table = buildExportTable(
    snapshot,
    (await allRecords()).map((r) => r.data),
  );
  const latest = encodeExportTable(table);
  const store = await historyStore();
  const history = store.releases.length ? encodeHistoryTable(buildHistoryTable(store, table.records)) : undefined;
  const bounds = downloadBounds(latest);
  return {
    bounds,
    latest: splitEncoded(latest, bounds),
    history: history ? splitEncoded(history, bounds) : [],
    releases: store.releases.map((r) => r.release),
  };
}
