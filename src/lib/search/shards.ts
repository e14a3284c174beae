// The symbol index is split into small JSON shards by key prefix, so a query downloads one shard of
// a few KB instead of an index of every symbol. A shard that grows too big is split one more
// character deep; the manifest lists the prefixes, and a key belongs to its longest listed prefix.
import { symbolKeys } from './keys.ts';

/** One search hit as shipped to the browser: compact, with everything a result line shows. */
export interface SearchEntry {
  /** symbol */
  s: string;
  /** tier, or "" for an exported symbol with no decision record yet */
  t: string;
  /** export type (record) or macro (snapshot) */
  x: string;
  /** subsystem (record) or defining file (snapshot) */
  u: string;
  /** namespace, if any */
  n?: string;
  /** one-line summary (records only) */
  d?: string;
  /** the newest release exporting it, for a symbol the newest release we hold no longer exports */
  l?: string;
}

export const MAX_SHARD_ENTRIES = 250;
const PREVIEW_ENTRIES = 40;
const ROOT_PREFIX_LENGTH = 2;

export interface ShardSet {
  /** Prefixes, sorted; each names one shard file. */
  prefixes: string[];
  shards: Map<string, SearchEntry[]>;
}

/** File-safe name of a shard ("_" and "$" are kept readable). */
export function shardFileName(prefix: string): string {
  return [...prefix].map((c) => (/[a-z0-9]/.test(c) ? c : `~${c.charCodeAt(0).toString(16)}`)).join('') || 'empty';
}

/** The shard a key lives in, given the manifest's prefixes (longest match wins). */
export function shardFor(key: string, prefixes: ReadonlySet<string>): string | undefined {
  for (let n = Math.min(key.length, 12); n >= 1; n--) if (prefixes.has(key.slice(0, n))) return key.slice(0, n);
  return undefined;
}

/**
 * The shards a query must read: the one holding its own prefix, plus the deeper shards split off
 * below the query (a short query reaches many; the caller caps how many it fetches, smallest first).
 */
export function shardsForQuery(query: string, prefixes: readonly string[]): string[] {
  if (!query) return [];
  const own = shardFor(query, new Set(prefixes));
  // Shallower (more general) shards first: with the previews they hold the best matches.
  const deeper = prefixes
    .filter((p) => p.length > query.length && p.startsWith(query))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return own ? [own, ...deeper] : deeper;
}

export function buildShards(entries: readonly SearchEntry[]): ShardSet {
  const byKey: KeyedEntry[] = [];
  for (const entry of entries) symbolKeys(entry.s).forEach((key, i) => byKey.push({ key, entry, whole: i === 0 }));
  const shards = new Map<string, SearchEntry[]>();
  const split = (items: KeyedEntry[], depth: number) => {
    for (const [prefix, list] of groupByPrefix(items, depth)) {
      const deeper = list.filter((i) => i.key.length > depth);
      if (distinct(list).length > MAX_SHARD_ENTRIES && deeper.length && depth < 12) {
        split(deeper, depth + 1);
        // The parent keeps a preview of its subtree's shortest whole names, so a short query
        // ("snd") sees the head of its family from one shard.
        const preview = deeper
          .filter((i) => i.whole)
          .sort((a, b) => a.key.length - b.key.length || (a.key < b.key ? -1 : 1))
          .slice(0, PREVIEW_ENTRIES);
        shards.set(prefix, capped([...list.filter((i) => i.key.length <= depth), ...preview]));
      } else {
        shards.set(prefix, capped(list));
      }
    }
  };
  split(byKey, ROOT_PREFIX_LENGTH);
  return { prefixes: [...shards.keys()].sort(), shards };
}

interface KeyedEntry {
  key: string;
  entry: SearchEntry;
  /** The whole name (true) or a part after an underscore (false). */
  whole: boolean;
}

function groupByPrefix(items: KeyedEntry[], depth: number): Map<string, KeyedEntry[]> {
  const groups = new Map<string, KeyedEntry[]>();
  for (const item of items) {
    const prefix = item.key.slice(0, depth);
    let list = groups.get(prefix);
    if (!list) groups.set(prefix, (list = []));
    list.push(item);
  }
  return groups;
}

function distinct(items: KeyedEntry[]): SearchEntry[] {
  return [...new Set(items.map((i) => i.entry))];
}

/**
 * A shard that cannot split further (hundreds of symbols with a part that is exactly "init") keeps
 * every whole-name entry but only the shortest part matches: ranking would put those first anyway.
 */
function capped(items: KeyedEntry[]): SearchEntry[] {
  const whole = distinct(items.filter((i) => i.whole));
  const wholeSet = new Set(whole);
  const parts = distinct(items.filter((i) => !i.whole)).filter((e) => !wholeSet.has(e));
  const room = Math.max(0, MAX_SHARD_ENTRIES - whole.length);
  parts.sort((a, b) => a.s.length - b.s.length || (a.s < b.s ? -1 : 1));
  return [...whole, ...parts.slice(0, room)];
}
