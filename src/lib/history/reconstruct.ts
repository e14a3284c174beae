// Reading releases back out of the history store: one release's snapshot, one symbol's rows per
// release (what a timeline needs). No Node imports.
import { sortRows, type ExportRow, type Snapshot } from '../kernel/snapshot.ts';
import { releasePositions, type ExportInterval, type HistoryStore, type ReleaseEntry } from './model.ts';

/** The line an interval's row is at in the release at `position`. */
function lineAt(interval: ExportInterval, position: number, positions: ReadonlyMap<string, number>): number {
  let line = interval.lines[0]!.line;
  for (const change of interval.lines) {
    if (positions.get(change.release)! > position) break;
    line = change.line;
  }
  return line;
}

function rowsAt(intervals: Iterable<ExportInterval>, position: number, positions: ReadonlyMap<string, number>): ExportRow[] {
  const rows: ExportRow[] = [];
  for (const i of intervals) {
    if (positions.get(i.first)! <= position && position <= positions.get(i.last)!) {
      rows.push({ symbol: i.symbol, macro: i.macro, namespace: i.namespace, file: i.file, line: lineAt(i, position, positions) });
    }
  }
  return sortRows(rows);
}

/** The release's snapshot as it was added (rows sorted like a snapshot file), or undefined if the store lacks it. */
export function snapshotOf(store: HistoryStore, release: string): Snapshot | undefined {
  const positions = releasePositions(store.releases);
  const position = positions.get(release);
  if (position === undefined) return undefined;
  return { version: release, source: store.releases[position]!.source, rows: rowsAt(store.intervals, position, positions) };
}

export interface ReleaseRows {
  release: ReleaseEntry;
  /** Empty when the symbol is not exported in that release. */
  rows: ExportRow[];
}

/** For every release of the store, oldest first, the symbol's export rows there. */
export function symbolHistory(store: HistoryStore, symbol: string): ReleaseRows[] {
  const positions = releasePositions(store.releases);
  const own = store.intervals.filter((i) => i.symbol === symbol);
  return store.releases.map((release, position) => ({ release, rows: rowsAt(own, position, positions) }));
}
