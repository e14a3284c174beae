// "Did you mean …?" for enum values, field names, component names and symbols. The work is bounded:
// edit distances stop once past the limit, long words get no suggestion, and a Suggester over many
// candidates (every exported symbol) compares a word only with candidates of a similar length that
// share enough of its character pairs, caching each answer.

/** Words longer than this get no suggestion (no symbol or field name is this long). */
export const MAX_SUGGEST_LENGTH = 128;

export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    let best = row[0];
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
      if (row[j]! < best) best = row[j]!;
    }
    // Every later row is at least the smallest value of this one.
    if (best > limit) return limit + 1;
  }
  return row[b.length]!;
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

/**
 * closest() over a large, fixed set of candidates. Each edit destroys at most two character pairs of
 * the word, so a candidate within distance k shares at least (distinct pairs of the word − 2k) of
 * them: only those are compared. Answers are the same as closest()'s except among equally close
 * candidates, where the first in candidate order wins in both.
 */
export class Suggester {
  private readonly words: string[] = [];
  private readonly lower: string[] = [];
  private readonly byPair = new Map<string, number[]>();
  private readonly byLength = new Map<number, number[]>();
  private readonly cache = new Map<string, string | undefined>();

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
    const answer = this.search(word);
    this.cache.set(word, answer);
    return answer;
  }

  private search(word: string): string | undefined {
    if (!word || word.length > MAX_SUGGEST_LENGTH) return undefined;
    const lower = word.toLowerCase();
    const k = allowance(word);
    const pairs = pairsOf(lower);
    const needed = pairs.size - 2 * k;
    let candidates: Iterable<number>;
    if (needed > 0) {
      const shared = new Map<number, number>();
      for (const pair of pairs) for (const index of this.byPair.get(pair) ?? []) shared.set(index, (shared.get(index) ?? 0) + 1);
      candidates = [...shared].filter(([, n]) => n >= needed).map(([index]) => index).sort((a, b) => a - b);
    } else {
      // Short words: every candidate of a length within reach (few, since short names are few).
      const near: number[] = [];
      for (let length = Math.max(0, lower.length - k); length <= lower.length + k; length++) near.push(...(this.byLength.get(length) ?? []));
      candidates = near.sort((a, b) => a - b);
    }
    let best: number | undefined;
    let bestDistance = k + 1;
    for (const index of candidates) {
      const d = editDistance(lower, this.lower[index]!, bestDistance - 1);
      if (d < bestDistance) [best, bestDistance] = [index, d];
    }
    return best === undefined ? undefined : this.words[best];
  }
}
