// Answers a word query from the word index's shards (word-index.ts), in the browser: which shards to
// read, then the documents containing every word, best first. No DOM, no fetch: the search page
// loads the files and calls these.
import { queryWords, stem } from './words.ts';
import { shardFor, shardsForQuery } from './shards.ts';
import type { WordShard } from './word-index.ts';

/** Shards read for the last word's longer forms, besides the ones holding the words themselves. */
const PREFIX_SHARDS = 2;

export interface WordHits {
  /** Document ids, best first. */
  ids: number[];
  /** False when a word is in more documents than its shard lists (the best of them are listed). */
  complete: boolean;
}

/** The shards a query needs: each word's own, and for the word being typed the shards of its longer forms. */
export function wordShardsFor(query: string, prefixes: readonly string[]): string[] {
  const { words, prefix } = queryWords(query);
  const set = new Set(prefixes);
  const wanted = new Set<string>();
  for (const w of words) {
    const own = shardFor(w, set);
    if (own !== undefined) wanted.add(own);
  }
  if (prefix) for (const s of shardsForQuery(prefix, prefixes).slice(0, PREFIX_SHARDS + 1)) wanted.add(s);
  return [...wanted];
}

/** Doc id -> score for one word: its own postings, and a longer word it starts (while typed) at half the score. */
function postingsOf(
  word: string,
  prefix: string | undefined,
  shards: readonly WordShard[],
): { scores: Map<number, number>; complete: boolean } {
  const scores = new Map<number, number>();
  let complete = true;
  const add = (list: number[], factor: number) => {
    if (list[0]! > (list.length - 1) / 2) complete = false;
    for (let i = 1; i < list.length; i += 2) {
      const score = list[i + 1]! * factor;
      if (score > (scores.get(list[i]!) ?? 0)) scores.set(list[i]!, score);
    }
  };
  const starts = prefix ? [...new Set([prefix, stem(prefix)])].filter((p) => p.length >= 3) : [];
  for (const shard of shards) {
    for (const [key, list] of Object.entries(shard)) {
      if (key === word) add(list, 1);
      else if (starts.some((p) => key.startsWith(p))) add(list, 0.5);
    }
  }
  return { scores, complete };
}

/** The documents holding every word of the query, best first (ties by id, the index's order). */
export function rankWords(query: string, shards: readonly WordShard[]): WordHits {
  const { words, prefix } = queryWords(query);
  if (!words.length) return { ids: [], complete: true };
  let total: Map<number, number> | undefined;
  let complete = true;
  words.forEach((word, i) => {
    const open = i === words.length - 1 ? prefix : undefined;
    const { scores, complete: whole } = postingsOf(word, open, shards);
    complete &&= whole;
    if (!total) total = scores;
    else {
      const next = new Map<number, number>();
      for (const [id, score] of scores) if (total.has(id)) next.set(id, total.get(id)! + score);
      total = next;
    }
  });
  const ids = [...total!].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
  return { ids, complete };
}

/** A filter list as written (gaps between ascending ids) back to the ids. */
export function filterIds(gaps: readonly number[]): number[] {
  let id = 0;
  return gaps.map((gap, i) => (id = i === 0 ? gap : id + gap));
}

/** The ids in every list (filters chosen together). */
export function intersect(lists: readonly (readonly number[])[]): number[] {
  if (!lists.length) return [];
  const [first, ...rest] = lists;
  const sets = rest.map((l) => new Set(l));
  return first!.filter((id) => sets.every((s) => s.has(id)));
}
