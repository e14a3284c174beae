// The history store as files (content/history/): releases.tsv, then for each shard of source paths
// exports/<shard>.tsv and lines/<shard>.tsv (interval-files.ts). Paths here are relative to the store's
// folder. No Node imports: store-io.ts reads and writes them.
import { formatShard, intervalOrder, parseShard } from './interval-files.ts';
import { HistoryError, releasePositions, type ExportInterval, type HistoryStore } from './model.ts';
import { formatReleases, parseReleases } from './releases-file.ts';
import { EXPORTS_SUBDIR, exportsFileOf, LINES_SUBDIR, linesFileOf, shardOf, shardOfStoreFile } from './shards.ts';

export const HISTORY_DIR = 'content/history';
export const RELEASES_FILE = 'releases.tsv';

/** Every file of the store, path -> text, in a stable order. */
export function formatStore(store: HistoryStore): Map<string, string> {
  const files = new Map<string, string>([[RELEASES_FILE, formatReleases(store.releases)]]);
  const newest = store.releases.at(-1)?.release ?? '';
  const order = intervalOrder(releasePositions(store.releases));
  const byShard = new Map<string, ExportInterval[]>();
  for (const interval of store.intervals) {
    const shard = shardOf(interval.file);
    let list = byShard.get(shard);
    if (!list) byShard.set(shard, (list = []));
    list.push(interval);
  }
  for (const shard of [...byShard.keys()].sort()) {
    const { exports, lines } = formatShard(byShard.get(shard)!.sort(order), newest);
    files.set(exportsFileOf(shard), exports);
    files.set(linesFileOf(shard), lines);
  }
  return files;
}

/**
 * Reads the store's files (as formatStore names them; other files such as README.md are ignored).
 * `root` prefixes the file names in errors, e.g. "content/history/".
 */
export function parseStore(files: ReadonlyMap<string, string>, root = ''): HistoryStore {
  const releasesText = files.get(RELEASES_FILE);
  const shardFiles = [...files.keys()].filter(
    (f) => shardOfStoreFile(f, EXPORTS_SUBDIR) !== undefined || shardOfStoreFile(f, LINES_SUBDIR) !== undefined,
  );
  if (releasesText === undefined) {
    if (shardFiles.length) throw new HistoryError(root + shardFiles[0]!, 1, `no ${RELEASES_FILE} beside it, so its releases are unknown`);
    return { releases: [], intervals: [] };
  }
  const releases = parseReleases(releasesText, root + RELEASES_FILE);
  const positions = releasePositions(releases);
  const newest = releases.at(-1)?.release ?? '';
  const intervals: ExportInterval[] = [];
  for (const name of shardFiles.sort()) {
    const fromLines = shardOfStoreFile(name, LINES_SUBDIR);
    if (fromLines !== undefined) {
      if (!files.has(exportsFileOf(fromLines))) throw new HistoryError(root + name, 1, `no ${exportsFileOf(fromLines)} to line up with`);
      continue;
    }
    const shard = shardOfStoreFile(name, EXPORTS_SUBDIR)!;
    const linesName = linesFileOf(shard);
    const linesText = files.get(linesName);
    if (linesText === undefined) throw new HistoryError(root + name, 1, `no ${linesName} beside it (every exports file has a lines file)`);
    intervals.push(
      ...parseShard(shard, { name: root + name, text: files.get(name)! }, { name: root + linesName, text: linesText }, positions, newest),
    );
  }
  checkRowCounts(releases, intervals, positions, root + RELEASES_FILE);
  return { releases, intervals };
}

/** Each release's `rows` must be the number of intervals covering it: a cheap check that the files agree. */
function checkRowCounts(
  releases: HistoryStore['releases'],
  intervals: readonly ExportInterval[],
  positions: ReadonlyMap<string, number>,
  file: string,
): void {
  const starts = new Array<number>(releases.length + 1).fill(0);
  for (const i of intervals) {
    starts[positions.get(i.first)!]!++;
    starts[positions.get(i.last)! + 1]!--;
  }
  let covering = 0;
  for (const [n, r] of releases.entries()) {
    covering += starts[n]!;
    if (covering !== r.rows)
      throw new HistoryError(file, n + 2, `rows: ${r.release} has ${r.rows} rows here but the intervals hold ${covering}`);
  }
}
