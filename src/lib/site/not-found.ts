// What the 404 page suggests for a mistyped address: the symbol the address names, the few shards
// of the symbol index that can hold names close to it, and those names ranked by edit distance.
// Shared by the browser script of the static 404 page and the tests; no DOM, no Node.
import { symbolKeys } from '../search/keys.ts';
import { shardFor, type SearchEntry } from '../search/shards.ts';
import { editDistance } from '../suggest.ts';

/** At most this many shards are read for one address (the whole name's, then its parts'). */
export const MAX_SUGGESTION_SHARDS = 4;
export const MAX_SUGGESTIONS = 5;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{1,127}$/;

/**
 * The symbol an address was after: the segment after `symbols/` (`/symbols/alloc_pages_vmaa/`),
 * else the last segment of the path (`/alloc_pages_vmaa`), below the site's base path. Undefined
 * when that is no C identifier (`/releases/v9.9/`, `/`).
 */
export function wantedSymbol(pathname: string, base: string): string | undefined {
  let rest = pathname;
  const root = base.endsWith('/') ? base : `${base}/`;
  if (rest.startsWith(root)) rest = rest.slice(root.length);
  else if (`${rest}/` === root) rest = '';
  let segments: string[];
  try {
    segments = rest.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const at = segments.indexOf('symbols');
  let name = at >= 0 ? segments[at + 1] : segments.at(-1);
  name = name?.replace(/\.html?$/, '').replace(/\(\)$/, '');
  return name && IDENTIFIER.test(name) ? name : undefined;
}

/**
 * The shards to read: the one holding the whole name, then those holding its parts after each
 * underscore (every symbol is indexed under those too), so a typo early in the name still meets
 * the symbol through a later part. Longest match per key, as the search page does.
 */
export function suggestionShards(name: string, prefixes: readonly string[], max = MAX_SUGGESTION_SHARDS): string[] {
  const set = new Set(prefixes);
  const out: string[] = [];
  for (const key of symbolKeys(name)) {
    const shard = shardFor(key, set);
    if (shard !== undefined && !out.includes(shard)) out.push(shard);
    if (out.length >= max) break;
  }
  return out;
}

export interface Suggestion {
  entry: SearchEntry;
  /** Edit distance from the address's name (case-insensitive); a name it starts is ranked after. */
  distance: number;
}

/** Names within a third of the name's length (at least 2 edits), closest first, then records first, then shorter. */
export function closestSymbols(name: string, entries: readonly SearchEntry[], limit = MAX_SUGGESTIONS): Suggestion[] {
  const wanted = name.toLowerCase();
  const budget = Math.max(2, Math.floor(wanted.length / 3));
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const entry of entries) {
    if (seen.has(entry.s)) continue;
    seen.add(entry.s);
    const candidate = entry.s.toLowerCase();
    // Cheap length bound first: the distance is at least the difference in length.
    if (Math.abs(candidate.length - wanted.length) <= budget) {
      const distance = editDistance(wanted, candidate);
      if (distance <= budget) {
        out.push({ entry, distance });
        continue;
      }
    }
    // A shortened address (`/symbols/kernel_fpu/`) still leads to the family it starts.
    if (wanted.length >= 4 && candidate.replace(/^_+/, '').startsWith(wanted.replace(/^_+/, ''))) out.push({ entry, distance: budget + 1 });
  }
  out.sort(
    (a, b) =>
      a.distance - b.distance ||
      Number(!a.entry.t) - Number(!b.entry.t) ||
      a.entry.s.length - b.entry.s.length ||
      (a.entry.s < b.entry.s ? -1 : 1),
  );
  return out.slice(0, limit);
}
