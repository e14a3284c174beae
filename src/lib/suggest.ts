// "Did you mean …?" for enum values, field names, component names and symbols. The work is bounded:
// edit distances stop once past the limit, long words get no suggestion, and a Suggester over many
// candidates (every exported symbol) compares a word only with candidates of a similar length that
// share enough of its character pairs, caching each answer.

/** Words longer than this get no suggestion (no symbol or field name is this long). */
export const MAX_SUGGEST_LENGTH = 128;

let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/** Levenshtein distance; once it must exceed `limit`, stops and returns limit + 1. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (previousRow.length <= b.length) [previousRow, currentRow] = [new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
  let prev = previousRow;
  let cur = currentRow;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitute = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const remove = prev[j]! + 1;
      const insert = cur[j - 1]! + 1;
      const value = substitute < remove ? (substitute < insert ? substitute : insert) : remove < insert ? remove : insert;
      cur[j] = value;
      if (value < best) best = value;
    }
    // Every later row is at least the smallest value of this one.
    if (best > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** The largest distance a suggestion for `word` may have: a third of its length, at least 1. */
const allowance = (word: string) => Math.max(1, Math.floor(word.length / 3));

/** The closest candidate within a third of the word's length (case-insensitive), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (!word || word.length > MAX_SUGGEST_LENGTH) return undefined;
  let best: string | undefined;
  let bestDistance = allowance(word) + 1;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

const pairsOf = (word: string) => {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < word.length; i++) pairs.add(word.slice(i, i + 2));
  return pairs;
};

/** Candidates compared with one word at most (those sharing the most character pairs first). */
export const MAX_COMPARISONS_PER_WORD = 50;
/** Index entries read for one word at most. */
export const MAX_POSTINGS_PER_WORD = 10_000;
/** Work (index entries read, distance cells) one Suggester does in all; past it, no more suggestions. */
export const SUGGESTER_BUDGET = 100_000_000;

/**
 * closest() over a large, fixed set of candidates (every exported symbol). Each edit destroys at
 * most two character pairs of the word, so a candidate within distance k shares at least (distinct
 * pairs of the word − 2k) of them: only candidates of a length within reach that share pairs are
 * compared, those sharing the most first and at most MAX_COMPARISONS_PER_WORD of them; a word reads
 * at most MAX_POSTINGS_PER_WORD index entries, and a whole run stops suggesting after
 * SUGGESTER_BUDGET units of work. Answers are cached. Among equally close candidates the first in
 * candidate order wins, as in closest(). The bounds trade a rare missed suggestion for time.
 */
export class Suggester {
  private readonly words: string[] = [];
  private readonly lower: string[] = [];
  private readonly byPair = new Map<string, number[]>();
  private readonly byLength = new Map<number, number[]>();
  private readonly cache = new Map<string, string | undefined>();
  private counts: Int32Array | undefined;
  private work = 0;

  constructor(candidates: Iterable<string>) {
    const seen = new Set<string>();
    for (const word of candidates) {
      if (seen.has(word) || word.length > MAX_SUGGEST_LENGTH) continue;
      seen.add(word);
      const index = this.words.length;
      const lower = word.toLowerCase();
      this.words.push(word);
      this.lower.push(lower);
      for (const pair of pairsOf(lower)) {
        const list = this.byPair.get(pair);
        if (list) list.push(index);
        else this.byPair.set(pair, [index]);
      }
      const sameLength = this.byLength.get(lower.length);
      if (sameLength) sameLength.push(index);
      else this.byLength.set(lower.length, [index]);
    }
  }

  closest(word: string): string | undefined {
    if (this.cache.has(word)) return this.cache.get(word);
    const answer = this.work < SUGGESTER_BUDGET ? this.search(word) : undefined;
    this.cache.set(word, answer);
    return answer;
  }

  private search(word: string): string | undefined {
    if (!word || word.length > MAX_SUGGEST_LENGTH) return undefined;
    const lower = word.toLowerCase();
    const k = allowance(word);
    const pairs = pairsOf(lower);
    const needed = pairs.size - 2 * k;
    let candidates: number[];
    if (needed > 0) {
      // Shared pairs per candidate, counted in a reused typed array from the word's rarest pairs
      // first, reading at most MAX_POSTINGS_PER_WORD entries (common pairs like "_s" say little);
      // then the candidates sharing the most pairs are compared.
      const lists = [...pairs].map((pair) => this.byPair.get(pair) ?? []).sort((x, y) => x.length - y.length);
      const counts = (this.counts ??= new Int32Array(this.words.length));
      const touched: number[] = [];
      let read = 0;
      let complete = true;
      for (const list of lists) {
        if (read + list.length > MAX_POSTINGS_PER_WORD) {
          complete = false;
          break;
        }
        read += list.length;
        for (let i = 0; i < list.length; i++) {
          const index = list[i]!;
          if (counts[index] === 0) touched.push(index);
          counts[index] = counts[index]! + 1;
        }
      }
      this.work += read;
      // With every list read the count filter is exact; otherwise counts are lower bounds.
      const threshold = complete ? needed : 1;
      const buckets: number[][] = Array.from({ length: pairs.size + 1 }, () => []);
      for (let i = 0; i < touched.length; i++) {
        const index = touched[i]!;
        const count = counts[index]!;
        counts[index] = 0;
        if (count >= threshold && Math.abs(this.lower[index]!.length - lower.length) <= k) buckets[count]!.push(index);
      }
      candidates = [];
      for (let c = pairs.size; c >= threshold && candidates.length < MAX_COMPARISONS_PER_WORD; c--)
        candidates.push(...buckets[c]!.sort((x, y) => x - y));
      candidates = candidates.slice(0, MAX_COMPARISONS_PER_WORD);
    } else {
      // Short words: the candidates of a length within reach, in candidate order.
      candidates = [];
      for (let length = Math.max(0, lower.length - k); length <= lower.length + k; length++)
        candidates.push(...(this.byLength.get(length) ?? []));
      candidates = candidates.sort((a, b) => a - b).slice(0, MAX_COMPARISONS_PER_WORD);
    }
    let best: number | undefined;
    let bestDistance = k + 1;
    for (const index of candidates) {
      this.work += lower.length * this.lower[index]!.length;
      const d = editDistance(lower, this.lower[index]!, bestDistance);
      if (d < bestDistance || (d === bestDistance && best !== undefined && index < best)) [best, bestDistance] = [index, d];
    }
    return best === undefined ? undefined : this.words[best];
  }
}
