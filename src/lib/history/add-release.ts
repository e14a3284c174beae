// Adding (or replacing) one release in the history store. The result is a function of the set of
// releases and their rows only, so releases can be added in any order, and adding the same snapshot
// again gives the same store. No Node imports.
import type { Snapshot } from '../kernel/snapshot.ts';
import { compareReleases } from '../kernel/versions.ts';
import { intervalOrder } from './interval-files.ts';
import { groupKey, releasePositions, type ExportInterval, type HistoryStore, type LineChange, type ReleaseEntry } from './model.ts';
import { isReleaseName, releaseEntryOf } from './releases-file.ts';
import { isStorablePath } from './shards.ts';

/** Why a snapshot row cannot be stored, or undefined when it can (the input reader reports it with file:line). */
export function storableRowProblem(row: Snapshot['rows'][number]): string | undefined {
  if (row.symbol === '' || /\s/.test(row.symbol)) return `symbol: must be a name without spaces (got "${row.symbol}")`;
  if (!/^\w+$/.test(row.macro)) return `macro: must be a macro name such as EXPORT_SYMBOL_GPL (got "${row.macro}")`;
  if (/[\t\n]/.test(row.namespace)) return 'namespace: holds a tab or a line break';
  if (!isStorablePath(row.file)) return `file: must be a relative source path (got "${row.file}")`;
  if (!(Number.isInteger(row.line) && row.line >= 1)) return `line: must be a positive whole number (got "${row.line}")`;
  return undefined;
}

export interface AddOptions {
  /** YYYY-MM-DD when known. Without it a replaced release keeps the date it had. */
  date?: string;
}

/**
 * The store with `snapshot` as its release `snapshot.version`, replacing that release wholesale if it
 * was there. Only the export groups (symbol, macro, namespace, file) the release touches are rebuilt:
 * those with rows in it, and those with an interval spanning its place in the order.
 */
export function addRelease(store: HistoryStore, snapshot: Snapshot, options: AddOptions = {}): HistoryStore {
  if (!isReleaseName(snapshot.version))
    throw new Error(`the snapshot names no release (got "${snapshot.version}"); its first line must give the kernel version`);
  if (/[\t\n]/.test(snapshot.source)) throw new Error("the snapshot's first-line comment holds a tab or a line break");
  for (const [n, row] of snapshot.rows.entries()) {
    const problem = storableRowProblem(row);
    if (problem) throw new Error(`row ${n + 1} (${row.symbol}): ${problem}`);
  }
  const previous = store.releases.find((r) => r.release === snapshot.version);
  const entry: ReleaseEntry = releaseEntryOf(snapshot, options.date ?? previous?.date ?? '');
  const releases = [...store.releases.filter((r) => r.release !== entry.release), entry].sort((a, b) =>
    compareReleases(a.release, b.release),
  );
  const positions = releasePositions(releases);
  const at = positions.get(entry.release)!;

  const incoming = new Map<string, number[]>();
  for (const row of snapshot.rows) {
    const key = groupKey(row);
    const lines = incoming.get(key);
    if (lines) lines.push(row.line);
    else incoming.set(key, [row.line]);
  }
  const keys = store.intervals.map(groupKey);
  const touched = new Set(incoming.keys());
  for (const [n, i] of store.intervals.entries()) if (positions.get(i.first)! <= at && at <= positions.get(i.last)!) touched.add(keys[n]!);

  const kept: ExportInterval[] = [];
  const old = new Map<string, ExportInterval[]>();
  for (const [n, i] of store.intervals.entries()) {
    const key = keys[n]!;
    if (!touched.has(key)) kept.push(i);
    else if (old.has(key)) old.get(key)!.push(i);
    else old.set(key, [i]);
  }

  const rebuilt: ExportInterval[] = [];
  for (const key of touched) {
    const perRelease = linesPerRelease(old.get(key) ?? [], positions, at, releases.length);
    perRelease[at] = incoming.get(key);
    const [file, symbol, macro, namespace] = key.split('\t') as [string, string, string, string];
    for (const run of intervalsOf(perRelease, releases)) rebuilt.push({ symbol, macro, namespace, file, ...run });
  }
  return { releases, intervals: [...kept, ...rebuilt].sort(intervalOrder(positions)) };
}

/** The lines a group's intervals give each release position (none for `skip`, the release being replaced). */
function linesPerRelease(
  intervals: readonly ExportInterval[],
  positions: ReadonlyMap<string, number>,
  skip: number,
  count: number,
): (number[] | undefined)[] {
  // Sparse: most groups cover a few releases, and arrays for every release of every group cost more than the rest.
  const perRelease = new Array<number[] | undefined>(count);
  for (const i of intervals) {
    const changes = i.lines.map((c) => ({ at: positions.get(c.release)!, line: c.line }));
    let k = 0;
    for (let p = positions.get(i.first)!; p <= positions.get(i.last)!; p++) {
      while (k + 1 < changes.length && changes[k + 1]!.at <= p) k++;
      if (p !== skip) (perRelease[p] ??= []).push(changes[k]!.line);
    }
  }
  return perRelease;
}

/**
 * The canonical intervals of one group: its n-th row (by line) in each release belongs to the n-th
 * run, so a group exported twice in a file (two #ifdef branches) is two intervals where both exist.
 */
function intervalsOf(
  perRelease: (number[] | undefined)[],
  releases: readonly ReleaseEntry[],
): Omit<ExportInterval, 'symbol' | 'macro' | 'namespace' | 'file'>[] {
  let most = 0;
  for (const lines of perRelease) {
    if (!lines) continue;
    lines.sort((a, b) => a - b);
    most = Math.max(most, lines.length);
  }
  const runs: Omit<ExportInterval, 'symbol' | 'macro' | 'namespace' | 'file'>[] = [];
  for (let n = 0; n < most; n++) {
    let current: { first: string; last: string; lines: LineChange[] } | undefined;
    for (let p = 0; p < perRelease.length; p++) {
      const line = perRelease[p]?.[n];
      if (line === undefined) {
        if (current) runs.push(current);
        current = undefined;
        continue;
      }
      const release = releases[p]!.release;
      if (!current) current = { first: release, last: release, lines: [{ release, line }] };
      else {
        current.last = release;
        if (current.lines.at(-1)!.line !== line) current.lines.push({ release, line });
      }
    }
    if (current) runs.push(current);
  }
  return runs;
}
