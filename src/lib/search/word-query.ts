// Answers a word query from the word index's shards (word-index.ts), in the browser: which shards to
// read, then the documents containing every word, best first, and which common words' full postings
// would complete them. No DOM, no fetch: the search page loads the files and calls these.
import { queryWords, stem } from './words.ts';
import { shardFor, shardsForQuery } from './shards.ts';
import type { FullPostings, WordShard } from './word-index.ts';

/** Shards read for the last word's longer forms, besides the ones holding the words themselves. */
const PREFIX_SHARDS = 2;

export interface WordHits {
  /** Document ids, best first. */
  ids: number[];
  /** False when a word is in more documents than the lists read hold (its shard lists only its best). */
  complete: boolean;
  /** How many of the first ids are in their final places whatever the lists left out: all of them when complete. */
  certain: number;
  /** The words whose full postings (FullPostings) would make the hits complete. */
  partial: string[];
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

/** One query word's scores by document, and what the lists left out could still score. */
interface WordScores {
  scores: Map<number, number>;
  /** The highest score any document gets from this word: its lists' first postings. */
  best: number;
  /** The highest score a document left out of a list can have: that list's lowest kept (0 when none is cut). */
  unseen: number;
  /** The last id kept at that score: a cut list keeps its lowest ids among equal scores, so one left out comes after it. */
  tieId: number;
  /** The words of the lists that were cut. */
  partial: string[];
}

/** Doc id -> score for one word: its own postings, and a longer word it starts (while typed) at half the score. */
function postingsOf(
  word: string,
  prefix: string | undefined,
  shards: readonly WordShard[],
  full: ReadonlyMap<string, FullPostings>,
): WordScores {
  const out: WordScores = { scores: new Map(), best: 0, unseen: 0, tieId: Infinity, partial: [] };
  const score = (id: number, value: number) => {
    if (value > (out.scores.get(id) ?? 0)) out.scores.set(id, value);
  };
  const add = (key: string, list: number[], factor: number) => {
    out.best = Math.max(out.best, (list[2] ?? 0) * factor);
    const whole = full.get(key);
    if (whole) {
      let id = 0;
      whole.i.forEach((gap, k) => score((id += gap), whole.s[k]! * factor));
      return;
    }
    if (list[0]! > (list.length - 1) / 2) {
      out.partial.push(key);
      const lowest = list.at(-1)! * factor;
      const lastId = list.at(-2)!;
      if (lowest > out.unseen) [out.unseen, out.tieId] = [lowest, lastId];
      else if (lowest === out.unseen) out.tieId = Math.min(out.tieId, lastId);
    }
    for (let i = 1; i < list.length; i += 2) score(list[i]!, list[i + 1]! * factor);
  };
  const starts = prefix ? [...new Set([prefix, stem(prefix)])].filter((p) => p.length >= 3) : [];
  for (const shard of shards) {
    for (const [key, list] of Object.entries(shard)) {
      if (key === word) add(key, list, 1);
      else if (starts.some((p) => key.startsWith(p))) add(key, list, 0.5);
    }
  }
  return out;
}

/**
 * The documents holding every word of the query, best first (ties by id, the index's order), from
 * the shards and the full postings read so far. While a list is cut, a document it left out scores
 * at most its lowest kept in that word plus the best of every other word (and at that score, comes
 * after the last kept at it): the hits above are already in their final places (`certain`), and only
 * results past them need the full postings.
 */
export function rankWords(query: string, shards: readonly WordShard[], full: ReadonlyMap<string, FullPostings> = new Map()): WordHits {
  const { words, prefix } = queryWords(query);
  if (!words.length) return { ids: [], complete: true, certain: 0, partial: [] };
  const groups = words.map((word, i) => postingsOf(word, i === words.length - 1 ? prefix : undefined, shards, full));
  let total: Map<number, number> | undefined;
  for (const { scores } of groups) {
    if (!total) total = scores;
    else {
      const next = new Map<number, number>();
      for (const [id, score] of scores) if (total.has(id)) next.set(id, total.get(id)! + score);
      total = next;
    }
  }
  const ranked = [...total!].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const best = groups.reduce((sum, g) => sum + g.best, 0);
  const cut = groups.filter((g) => g.unseen > 0).map((g) => ({ bound: g.unseen + best - g.best, tieId: g.tieId }));
  const bound = Math.max(0, ...cut.map((c) => c.bound));
  const tieId = Math.min(...cut.filter((c) => c.bound === bound).map((c) => c.tieId));
  const partial = [...new Set(groups.flatMap((g) => g.partial))];
  let certain = partial.length ? ranked.findIndex(([id, score]) => score < bound || (score === bound && id > tieId)) : -1;
  if (certain < 0) certain = ranked.length;
  return { ids: ranked.map(([id]) => id), complete: !partial.length, certain, partial };
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
