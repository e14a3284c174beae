// The /check-module/ page's downloads, cut by name: the export names sorted and split into ranges
// (at most SHARD_COUNT), each range one file of the latest release's table (EncodedTable) and one of
// the history table (EncodedHistory). A check fetches only the ranges its symbols fall in, so the first
// check of a module costs a fraction of the whole list, and the other releases only when chosen.
// Sorted ranges keep neighbouring names together, which front coding and gzip need. No Node imports.
import { exportNamesOf } from './kernel/export-model.ts';
import { frontCode, frontDecode, type EncodedTable } from './check-module-table.ts';
import type { EncodedHistory } from './check-module-history.ts';

/**
 * Measured on the real v6.19 table and the 36-release store with a 75-symbol driver's nm -u
 * (tests/fixtures/check-module/pci-driver.nm): 256 ranges (cut at the latest release's names) fetch 45
 * of them, 56 KB gzipped for the latest release and 99 KB for all releases, where one file was 206 KB and 351 KB (128 ranges: 39
 * of them, 85 KB and 144 KB, which with the page's own 9 KB put all releases over 150 KB).
 */
export const SHARD_COUNT = 256;

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The first name of each range, sorted; the first is "" so that every name falls in one. */
export function shardBounds(names: Iterable<string>, count = SHARD_COUNT): string[] {
  const sorted = [...new Set(names)].sort(byteOrder);
  const bounds = [''];
  for (let i = 1; i < count; i++) {
    const name = sorted[Math.floor((i * sorted.length) / count)];
    if (name !== undefined && name > bounds.at(-1)!) bounds.push(name);
  }
  return bounds;
}

/**
 * The ranges of the page's downloads: cut at the latest release's names and records, so adding an
 * older release to the history store leaves the latest release's files as they were.
 */
export function downloadBounds(latest: EncodedTable, count = SHARD_COUNT): string[] {
  return shardBounds([...latest.groups.flatMap((g) => frontDecode(g.at(-1) as string)), ...latest.records.map((r) => r[0])], count);
}

/** The range a name falls in: the last bound not after it. */
export function shardOf(bounds: readonly string[], name: string): number {
  let low = 0;
  let high = bounds.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (bounds[mid]! <= name) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The ranges that hold every export a module's linker symbols may come from, ascending. */
export function shardsFor(bounds: readonly string[], symbols: readonly string[]): number[] {
  return [...new Set(symbols.flatMap(exportNamesOf).map((n) => shardOf(bounds, n)))].sort((a, b) => a - b);
}

type Encoded = EncodedTable | EncodedHistory;

/** The encoded table cut into one part per range (the last column of a group is its front-coded names; records by symbol). */
export function splitEncoded<T extends Encoded>(encoded: T, bounds: readonly string[]): T[] {
  const parts = bounds.map(() => ({ ...encoded, groups: [] as T['groups'], records: [] as T['records'] }));
  for (const group of encoded.groups) {
    const byShard = new Map<number, string[]>();
    for (const name of frontDecode(group.at(-1) as string)) {
      const k = shardOf(bounds, name);
      const names = byShard.get(k);
      if (names) names.push(name);
      else byShard.set(k, [name]);
    }
    for (const [k, names] of byShard) (parts[k]!.groups as unknown[]).push([...group.slice(0, -1), frontCode(names)]);
  }
  for (const record of encoded.records) (parts[shardOf(bounds, record[0])]!.records as unknown[]).push(record);
  return parts as T[];
}

/** Parts of one table (any subset of the ranges) as one encoded table to decode. */
export function mergeEncoded<T extends Encoded>(parts: readonly T[]): T | undefined {
  if (!parts.length) return undefined;
  const groups: unknown[] = [];
  const records: unknown[] = [];
  for (const p of parts) {
    groups.push(...p.groups);
    records.push(...p.records);
  }
  return { ...parts[0]!, groups: groups as T['groups'], records: records as T['records'] };
}
