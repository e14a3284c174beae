// The history store in memory: every release we hold, and every export row as intervals of releases
// in which it stayed the same (symbol, macro, namespace, file). No Node imports: the browser can use it.
//
// Why the store grows with changes, not with releases × symbols: an export row that stays the same
// across releases is one interval whatever the number of releases it spans, and an interval that
// reaches the newest release leaves its `last` column empty, so adding a newer release rewrites
// nothing for the rows that carry on. A release adds lines only for rows that appear, disappear or
// change macro, namespace or file, plus one `line@release` entry for each row whose line number moved
// (in the separate lines files, see interval-files.ts). The 36 releases of 3.10–6.19 hold 1.21 million
// rows but 70,137 intervals and 434,672 line moves (12.6 MB); a mainline release adds about 1,400
// intervals and 12,600 line moves (about 230 KB), a nearby stable point release far fewer, so 500
// tags come to tens of MB.

export interface ReleaseEntry {
  /** As src/lib/kernel/versions.ts writes it: v6.19, v6.1.158, v6.13-rc1. */
  release: string;
  /** The release line, major.minor: 6.1 for v6.1.158. */
  line: string;
  /** YYYY-MM-DD when known; empty otherwise (never guessed). */
  date: string;
  /** Where the rows came from, as the snapshot's first line names it (github:owner/name for imported trees). */
  repository: string;
  /** The commit of that repository, when the snapshot names one. */
  commit: string;
  /** Export rows in the release. */
  rows: number;
  /** The snapshot's whole first-line comment, so the release's snapshot can be given back as it came. */
  source: string;
}

/** From this release on (within its interval) the row is at this line. */
export interface LineChange {
  release: string;
  line: number;
}

/** One unchanged run of an export row: present in every release of the store from `first` to `last`. */
export interface ExportInterval {
  symbol: string;
  macro: string;
  namespace: string;
  file: string;
  first: string;
  /** Always a release name in memory; the files write it empty when it is the newest release. */
  last: string;
  /** The line in `first`, then each release of the interval where it moved; lines[0].release === first. */
  lines: LineChange[];
}

export interface HistoryStore {
  /** Oldest first, in compareReleases order. */
  releases: ReleaseEntry[];
  intervals: ExportInterval[];
}

export const EMPTY_STORE: HistoryStore = { releases: [], intervals: [] };

/** A malformed store file or input, located like a compiler diagnostic. */
export class HistoryError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'HistoryError';
  }
}

/** The release line of a release name: 6.1 for v6.1.158, 6.13 for v6.13-rc1. */
export function releaseLine(release: string): string {
  return /^v(\d+\.\d+)/.exec(release)?.[1] ?? '';
}

/** The rows of one export group (same symbol, macro, namespace and file) are matched by this key. */
export function groupKey(row: { symbol: string; macro: string; namespace: string; file: string }): string {
  return `${row.file}\t${row.symbol}\t${row.macro}\t${row.namespace}`;
}

/** Positions of the releases in the store's order. */
export function releasePositions(releases: readonly ReleaseEntry[]): Map<string, number> {
  return new Map(releases.map((r, i) => [r.release, i]));
}
