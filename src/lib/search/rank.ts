// Ranks symbol-index entries for a query: exact name first (also when thousands share its prefix),
// then the names where the query is a whole part (`fpu`: fpu_enable, kernel_fpu_begin), then those
// where it only starts a longer word (fput, __fput_sync). Within each, records before undocumented
// symbols (records are why the site exists), then the finer match quality (the family sharing the
// prefix before a later part), shorter names before longer ones.
import { matchRank } from './keys.ts';
import type { SearchEntry } from './shards.ts';

export interface Filters {
  t?: string;
  x?: string;
  u?: string;
  n?: string;
}

export function passes(entry: SearchEntry, filters: Filters): boolean {
  return (Object.keys(filters) as (keyof Filters)[]).every((k) => !filters[k] || (entry[k] ?? '') === filters[k]);
}

/** matchRank's ranks grouped into equal match quality: exact, exact without leading underscores, a whole part, a longer word. */
const matchClass = (rank: number) => (rank <= 1 ? rank : rank <= 3 ? 2 : 3);

export function rankEntries(entries: readonly SearchEntry[], rawQuery: string, filters: Filters = {}): SearchEntry[] {
  const seen = new Set<string>();
  const scored: { entry: SearchEntry; rank: number }[] = [];
  for (const entry of entries) {
    if (seen.has(entry.s) || !passes(entry, filters)) continue;
    const rank = matchRank(entry.s, rawQuery);
    if (rank === undefined) continue;
    seen.add(entry.s);
    scored.push({ entry, rank });
  }
  scored.sort(
    (a, b) =>
      matchClass(a.rank) - matchClass(b.rank) ||
      Number(b.entry.t !== '') - Number(a.entry.t !== '') ||
      a.rank - b.rank ||
      a.entry.s.replace(/^_+/, '').length - b.entry.s.replace(/^_+/, '').length ||
      a.entry.s.length - b.entry.s.length ||
      (a.entry.s < b.entry.s ? -1 : a.entry.s > b.entry.s ? 1 : 0),
  );
  return scored.map((s) => s.entry);
}

/** Counts per value of each filter field among the matches, for the filter controls. */
export function facetCounts(entries: readonly SearchEntry[]): Record<keyof Filters, Map<string, number>> {
  const counts = { t: new Map<string, number>(), x: new Map<string, number>(), u: new Map<string, number>(), n: new Map<string, number>() };
  for (const e of entries) {
    for (const k of ['t', 'x', 'u', 'n'] as const) {
      const v = e[k];
      if (v) counts[k].set(v, (counts[k].get(v) ?? 0) + 1);
    }
  }
  return counts;
}
